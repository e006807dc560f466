package io.jconntrack.bench;

import io.jconntrack.testsupport.BinClient;
import io.jconntrack.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Item 10's Karaf: the built distribution unpacked into a temporary directory and started inside the benchmark's
 * namespace ({@code ip netns exec NS bin/start}, its default SSH on that namespace's 127.0.0.1:8101, so the service
 * works in NS without {@code -n}); every {@code bin/client} call goes through {@code ip netns exec NS} too. The
 * namespace's loopback is brought up for SSH, with an nftables {@code notrack} rule on it so that the console's own
 * connections add no conntrack entry to the measured table. Stopped with {@code bin/stop}, killed when that does not
 * end it; the directory is deleted.
 */
final class ConsoleKaraf implements AutoCloseable {
    private static final String NOTRACK = "table inet jct_bench_lo {\n"
            + "  chain pre { type filter hook prerouting priority raw; iif lo notrack; }\n"
            + "  chain out { type filter hook output priority raw; oif lo notrack; }\n"
            + "}\n";

    private final Path home;
    private final List<String> inNamespace;
    private final BinClient client;

    private ConsoleKaraf(Path home, String netns) {
        this.home = home;
        this.inNamespace = List.of("ip", "netns", "exec", netns);
        List<String> launcher = new ArrayList<>(inNamespace);
        launcher.addAll(List.of("env", "JAVA_HOME=" + System.getProperty("java.home")));
        this.client = BinClient.of(home).withHost("127.0.0.1").withLauncher(launcher)
                .withTimeout(Duration.ofSeconds(120));
    }

    /** Unpacks and starts the distribution in {@code netns}; returns once {@code bin/client} answers. */
    static ConsoleKaraf start(Path distribution, String netns) throws IOException {
        Path home = Files.createTempDirectory("jct-bench-karaf-");
        ConsoleKaraf k = new ConsoleKaraf(home, netns);
        try {
            Cli.run(List.of("tar", "xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1"),
                    true);
            Cli.run(List.of("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up"), true);
            Processes.Result nft = Processes.run(List.of("ip", "netns", "exec", netns, "nft", "-f", "-"), null,
                    Processes.Input.text(NOTRACK), Processes.DEFAULT_TIMEOUT);
            if (!nft.succeeded()) {
                throw new IllegalStateException("nft -f (notrack on lo) failed: " + nft);
            }
            k.script("start");
            // A session opened in the first seconds after boot can hang in channel open: short attempts, retried.
            k.client.withTimeout(Duration.ofSeconds(20)).awaitReady("echo ready", Duration.ofSeconds(240));
            return k;
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
    }

    /**
     * {@code printf 'COMMAND\n' | bin/client -b}, timed from start to exit (the client JVM's start, SSH login, the
     * command, the exit); fails unless it exits 0.
     */
    Timed batch(String command) {
        long t0 = System.nanoTime();
        Processes.Result r = client.batch(command);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!r.succeeded()) {
            throw new IllegalStateException("bin/client -b '" + command + "': " + r);
        }
        return new Timed(r.out(), seconds);
    }

    record Timed(String out, double seconds) {
    }

    @Override
    public void close() {
        KarafHome.stop(home, inNamespace);
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("left behind: " + home + " (" + e + ")");
        }
    }

    private void script(String name) {
        List<String> cmd = new ArrayList<>(inNamespace);
        cmd.addAll(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), "EXTRA_JAVA_OPTS=-Xmx512m",
                home.resolve("bin").resolve(name).toString()));
        Cli.run(cmd, true);
    }
}
