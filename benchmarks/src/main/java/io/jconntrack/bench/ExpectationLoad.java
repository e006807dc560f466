package io.jconntrack.bench;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item 9: a burst of expectation events. Master entries with the kernel's FTP helper are created (no traffic: the
 * helper is named in the create request), then one expectation on each with {@link ExpectationService#create}
 * (one request each, as the API offers), then all are removed with one {@link ExpectationService#flush()}: the
 * kernel sends every DESTROY of the flush at once. Meanwhile an expectation subscription with the default
 * configuration and {@code conntrack -E expect} (output to /dev/null) listen to the namespace. The masters are
 * created after both subscribed: with {@code nf_conntrack_events} = 2 (the default) the kernel reports events only
 * of connections created while someone listened.
 */
final class ExpectationLoad {
    private static final Pattern SHOWN = Pattern.compile("(\\d+) expectation events have been shown");
    /** A zone outside the table; the masters and their expectations are there. */
    static final int EXPECT_ZONE = 300;
    private static final int TIMEOUT = 3600;
    private static final int PORTS = 60_000;

    /**
     * What one burst saw.
     *
     * @param createSeconds the expectations' creation (the NEW burst's production), masters excluded
     * @param flushSeconds the one flush request (the DESTROY burst's production)
     * @param newSeconds from our first NEW to our last
     * @param destroySeconds from our first DESTROY to our last
     */
    record Outcome(int expectations, long newReceived, long destroyReceived, long overflows, String cli,
                   double createSeconds, double flushSeconds, double newSeconds, double destroySeconds) {
        long expected() {
            return 2L * expectations;
        }

        long received() {
            return newReceived + destroyReceived;
        }

        long lost() {
            return expected() - received();
        }
    }

    private ExpectationLoad() {
    }

    static Outcome run(ConntrackService ct, String netns, int count) {
        ExpectationService exp = ct.expectations();
        AtomicLong[] received = {new AtomicLong(), new AtomicLong()}; // NEW, DESTROY
        long[][] span = {{0, 0}, {0, 0}}; // first and last nanos of NEW, DESTROY (the subscription's one thread)
        AtomicLong overflows = new AtomicLong();
        ExpectationListener counter = new ExpectationListener() {
            @Override
            public void onEvent(ExpectationEvent event) {
                int k = event.type() == EventType.NEW ? 0 : 1;
                long now = System.nanoTime();
                if (span[k][0] == 0) {
                    span[k][0] = now;
                }
                span[k][1] = now;
                received[k].incrementAndGet();
            }

            @Override
            public void onOverflow(long n) {
                overflows.set(n);
            }
        };
        Path stderr = tempFile();
        Process cli = startCli(netns, stderr);
        try (Subscription s = exp.subscribe(EnumSet.of(EventType.NEW, EventType.DESTROY), ExpectationFilter.ALL,
                counter)) {
            sleep(500); // conntrack -E has joined its groups
            List<ConntrackEntry> masters = new ArrayList<>(count);
            List<Expectation> expectations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                InetAddress client = Fixture.ip("198.51.100." + (1 + i / PORTS));
                InetAddress server = Fixture.ip("203.0.113." + (1 + i / PORTS));
                int port = 1024 + i % PORTS;
                Tuple master = Tuple.tcp(client, server, port, 21);
                masters.add(ConntrackEntry.builder(master).zone(EXPECT_ZONE).timeout(TIMEOUT)
                        .tcpState(TcpState.ESTABLISHED).helper("ftp").build());
                // The data connection a PORT command announces: from the server, any port, to the client's port.
                expectations.add(Expectation.builder(master, Tuple.tcp(server, client, 0, port))
                        .mask(Tuple.tcp(Fixture.ip("255.255.255.255"), Fixture.ip("255.255.255.255"), 0, 0xFFFF))
                        .zone(EXPECT_ZONE).timeout(TIMEOUT).build());
            }
            if (!ct.create(masters).isComplete()) {
                throw new IllegalStateException("expectation load: not every master was created");
            }
            long t0 = System.nanoTime();
            expectations.forEach(exp::create);
            double create = (System.nanoTime() - t0) / 1e9;
            long listed = exp.count(ExpectationFilter.ALL);
            if (listed != count) {
                throw new IllegalStateException("expectation load: " + listed + " expectations, not " + count);
            }
            long t1 = System.nanoTime();
            exp.flush();
            double flush = (System.nanoTime() - t1) / 1e9;
            long seen = -1;
            while (received[0].get() + received[1].get() != seen) { // until the events stop coming
                seen = received[0].get() + received[1].get();
                sleep(1000);
            }
            String shown = stopCli(cli, stderr);
            ct.flush(EXPECT_ZONE);
            return new Outcome(count, received[0].get(), received[1].get(), overflows.get(), shown, create, flush,
                    (span[0][1] - span[0][0]) / 1e9, (span[1][1] - span[1][0]) / 1e9);
        } finally {
            cli.destroyForcibly();
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("jconntrack-expect-cli", ".err");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary file", e);
        }
    }

    /** stderr to a file, as in {@link EventLoad}: conntrack prints its count there when stopped. */
    private static Process startCli(String netns, Path stderr) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", netns, "conntrack", "-E",
                    "expect"));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(stderr.toFile());
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start conntrack -E expect", e);
        }
    }

    /** "showed N" (its count when stopped), or what it said when it ended by itself (e.g. on ENOBUFS). */
    private static String stopCli(Process cli, Path stderr) {
        cli.destroy();
        try {
            cli.waitFor(10, TimeUnit.SECONDS);
            String text = Files.readString(stderr);
            Matcher m = SHOWN.matcher(text);
            return m.find() ? String.format("showed %,d", Long.parseLong(m.group(1)))
                    : "ended by itself: '" + text.trim().replaceAll("^conntrack v[^:]*: ", "") + "'";
        } catch (IOException e) {
            return "unknown (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
