package io.jconntrack.bench;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item 7: entries created and flushed while a subscription (ours, with the default configuration, decoding every
 * event into a {@link ConntrackEvent}) and {@code conntrack -E} (output to /dev/null) listen to the same namespace.
 * The entries are created by one thread, or split between two threads creating at the same time (the faster burst),
 * then flushed with one filtered kernel request.
 */
final class EventLoad {
    private static final Pattern SHOWN = Pattern.compile("(\\d+) flow events have been shown");
    /** A zone outside the table. */
    static final int EVENT_ZONE = 200;

    /**
     * What one run saw: events expected, ours received and lost reports, the CLI's count, and timings.
     *
     * @param loadSeconds from the first create to the end of the flush (the events' production)
     * @param receiveSeconds from our first event to our last
     */
    record Outcome(int creators, long expected, long received, long overflows, long cliShown, double loadSeconds,
                   double receiveSeconds) {
        /** Events the kernel produced for us and we never received (reported through onOverflow, not silently). */
        long lost() {
            return expected - received;
        }

        double eventsPerSecond() {
            return receiveSeconds > 0 ? received / receiveSeconds : 0;
        }

        double producedPerSecond() {
            return loadSeconds > 0 ? expected / loadSeconds : 0;
        }
    }

    private EventLoad() {
    }

    /** Creates {@code entries} with {@code creators} threads at once, then flushes them, while both listen. */
    static Outcome run(ConntrackService ct, String netns, int entries, int creators) {
        AtomicLong received = new AtomicLong();
        AtomicLong overflows = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        ConntrackListener counter = new ConntrackListener() {
            @Override
            public void onEvent(ConntrackEvent event) {
                long now = System.nanoTime();
                firstNanos.compareAndSet(0, now);
                lastNanos.set(now);
                received.incrementAndGet();
            }

            @Override
            public void onOverflow(long n) {
                overflows.set(n);
            }
        };
        Path stderr;
        try {
            stderr = Files.createTempFile("jconntrack-events-cli", ".err");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary file", e);
        }
        Process cli = startCli(netns, stderr);
        try (Subscription s = ct.subscribe(EventFilter.of(ConntrackFilter.zone(EVENT_ZONE), EventType.NEW,
                EventType.DESTROY), counter)) {
            sleep(500); // conntrack -E has joined its groups
            long expected = 2L * entries;
            long t0 = System.nanoTime();
            create(ct, Fixture.zone(EVENT_ZONE, entries), creators);
            ct.flush(EVENT_ZONE);
            double load = (System.nanoTime() - t0) / 1e9;
            // wait until the events stop coming
            long seen = -1;
            while (received.get() != seen) {
                seen = received.get();
                sleep(1000);
            }
            double receive = (lastNanos.get() - firstNanos.get()) / 1e9;
            long shown = stopCli(cli, stderr);
            return new Outcome(creators, expected, received.get(), overflows.get(), shown, load, receive);
        } finally {
            cli.destroyForcibly();
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** Each thread creates its own contiguous share of the entries; all must succeed. */
    private static void create(ConntrackService ct, List<ConntrackEntry> entries, int creators) {
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            List<Future<BulkResult>> parts = new ArrayList<>();
            int share = (entries.size() + creators - 1) / creators;
            for (int from = 0; from < entries.size(); from += share) {
                List<ConntrackEntry> part = entries.subList(from, Math.min(entries.size(), from + share));
                parts.add(pool.submit(() -> ct.create(part)));
            }
            long created = 0;
            for (Future<BulkResult> f : parts) {
                created += f.get().succeeded();
            }
            if (created != entries.size()) {
                throw new IllegalStateException("event load: created " + created + " of " + entries.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("event load interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("event load: create failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Its stderr goes to a file: {@link Process#destroy()} closes the pipes, and conntrack would die of SIGPIPE
     * writing its summary.
     */
    private static Process startCli(String netns, Path stderr) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", netns, "conntrack", "-E", "-w",
                    Integer.toString(EVENT_ZONE)));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(stderr.toFile());
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start conntrack -E", e);
        }
    }

    /** SIGTERM makes conntrack -E print how many events it showed. */
    private static long stopCli(Process cli, Path stderr) {
        cli.destroy();
        try {
            cli.waitFor(10, TimeUnit.SECONDS);
            Matcher m = SHOWN.matcher(Files.readString(stderr));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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
