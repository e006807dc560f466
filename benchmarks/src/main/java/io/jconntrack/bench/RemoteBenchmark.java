package io.jconntrack.bench;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.remote.RemoteConntrack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Remote access against local, on one table ({@code scripts/benchmark.sh --remote}): two node agents (the built
 * distribution with {@code jconntrack-rest}, each its own Karaf on 127.0.0.1 with a 256 MiB heap) serve two namespaces
 * of the benchmark; this JVM is the controller, through {@link RemoteConntrack}. Measured: the full dump of an
 * N-entry table locally and through an agent (and again in a child JVM with -Xmx64m), the deletion of a zone of
 * N/10 locally and remotely, and a zone deleted on both nodes at once against the two single-node deletes.
 */
public final class RemoteBenchmark {
    static final int AGENT_HEAP_MIB = 256;
    private static final int DUMP_ZONES = Fixture.ZONES;
    private static final int LOCAL_DELETE_ZONE = 9;
    private static final int REMOTE_DELETE_ZONE = 10;
    private static final int FAN_OUT_ZONE = 8;

    private final int entries;
    private final int repeats;
    private final Path distribution;
    private final PrintStream out;
    private final List<String[]> rows = new ArrayList<>();

    RemoteBenchmark(int entries, int repeats, Path distribution, PrintStream out) {
        this.entries = entries;
        this.repeats = repeats;
        this.distribution = distribution;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String reason = Benchmark.unavailableReason();
        if (reason != null) {
            System.err.println("cannot run the benchmark: " + reason);
            System.exit(2);
        }
        int entries = Benchmark.Config.DEFAULT_ENTRIES;
        int repeats = 2;
        Path distribution = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--distribution" -> distribution = Paths.get(args[++i]);
                default -> throw new IllegalArgumentException(args[i] + ": unknown; takes --entries N --repeats R "
                        + "--distribution TAR.GZ");
            }
        }
        new Benchmark.Config(entries, repeats, 0, false); // the same checks on entries and repeats
        if (distribution == null || !Files.isRegularFile(distribution)) {
            throw new IllegalArgumentException("--distribution: '" + distribution + "' is not the built tar.gz");
        }
        new RemoteBenchmark(entries, repeats, distribution, System.out).run();
    }

    void run() throws Exception {
        GlobalSysctl max = new GlobalSysctl("net.netfilter.nf_conntrack_max");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String nsA = "jct-rbench-a-" + suffix;
        String nsB = "jct-rbench-b-" + suffix;
        Path work = Files.createTempDirectory("jct-rbench-");
        List<AutoCloseable> cleanup = new ArrayList<>();
        try {
            Cli.run(List.of("ip", "netns", "add", nsA), true).checked(List.of("ip", "netns", "add", nsA));
            cleanup.add(() -> Cli.run(List.of("ip", "netns", "del", nsA), true));
            Cli.run(List.of("ip", "netns", "add", nsB), true).checked(List.of("ip", "netns", "add", nsB));
            cleanup.add(() -> Cli.run(List.of("ip", "netns", "del", nsB), true));
            long needed = entries + 2L * Fixture.perZone(entries) + 10_000;
            if (max.original() < needed) {
                max.set(needed);
            }
            cleanup.add(max::restore);
            out.printf("jconntrack remote benchmark: N = %,d entries, agents with -Xmx%dm on 127.0.0.1%n", entries,
                    AGENT_HEAP_MIB);
            NodeAgent agent1 = NodeAgent.start(distribution, work.resolve("node1"), AGENT_HEAP_MIB);
            cleanup.add(agent1);
            NodeAgent agent2 = NodeAgent.start(distribution, work.resolve("node2"), AGENT_HEAP_MIB);
            cleanup.add(agent2);
            try (NetlinkConntrackService root = Conntrack.open();
                 RemoteConntrack node1 = RemoteConntrack.pinned("node1", agent1.url(), NodeAgent.USER,
                         NodeAgent.PASSWORD, agent1.fingerprint());
                 RemoteConntrack node2 = RemoteConntrack.pinned("node2", agent2.url(), NodeAgent.USER,
                         NodeAgent.PASSWORD, agent2.fingerprint())) {
                measure(root.inNamespace(nsA), root.inNamespace(nsB), node1.service().inNamespace(nsA),
                        node2.service().inNamespace(nsB), agent1, nsA);
            }
            print();
        } finally {
            for (int i = cleanup.size() - 1; i >= 0; i--) {
                try {
                    cleanup.get(i).close();
                } catch (Exception e) {
                    out.println("cleanup: " + e);
                }
            }
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void measure(ConntrackService localA, ConntrackService localB, ConntrackService remoteA,
                         ConntrackService remoteB, NodeAgent agent1, String nsA) {
        int perZone = Fixture.perZone(entries);
        progress("filling " + nsA + " with " + entries + " entries");
        for (int z = Fixture.FIRST_ZONE; z < Fixture.FIRST_ZONE + DUMP_ZONES; z++) {
            check("fill zone " + z, localA.create(Fixture.zone(z, perZone)).isComplete());
        }
        long expected = localA.count(ConntrackFilter.ALL);
        check("table of " + entries, expected == entries);

        progress("full dumps");
        double local = best(() -> timedCount(localA, expected));
        double remote = best(() -> timedCount(remoteA, expected));
        row("full dump, forEach(ALL)", entries, local, remote, String.format("remote/local %.2f (target ≤ 2)",
                remote / local));
        rows.add(heapCheck(agent1, nsA, expected));

        progress("zone deletes");
        double localDelete = timed(() -> check("local zone delete",
                localA.deleteMatching(ConntrackFilter.zone(LOCAL_DELETE_ZONE)) == perZone));
        double remoteDelete = timed(() -> check("remote zone delete",
                remoteA.deleteMatching(ConntrackFilter.zone(REMOTE_DELETE_ZONE)) == perZone));
        row("zone delete, deleteMatching(zone) of N/10", perZone, localDelete, remoteDelete,
                String.format("remote/local %.2f", remoteDelete / localDelete));

        progress("fan-out");
        check("zone on node2", localB.create(Fixture.zone(FAN_OUT_ZONE, perZone)).isComplete());
        double one = timed(() -> check("node1 alone", remoteA.deleteMatching(ConntrackFilter.zone(FAN_OUT_ZONE))
                == perZone));
        double two = timed(() -> check("node2 alone", remoteB.deleteMatching(ConntrackFilter.zone(FAN_OUT_ZONE))
                == perZone));
        check("refill node1", localA.create(Fixture.zone(FAN_OUT_ZONE, perZone)).isComplete());
        check("refill node2", localB.create(Fixture.zone(FAN_OUT_ZONE, perZone)).isComplete());
        double both = timed(() -> {
            CompletableFuture<Long> a = CompletableFuture.supplyAsync(
                    () -> remoteA.deleteMatching(ConntrackFilter.zone(FAN_OUT_ZONE)));
            CompletableFuture<Long> b = CompletableFuture.supplyAsync(
                    () -> remoteB.deleteMatching(ConntrackFilter.zone(FAN_OUT_ZONE)));
            check("fan-out", a.join() == perZone && b.join() == perZone);
        });
        row("zone delete on 2 nodes: the two single-node deletes (sum), then both at once", 2L * perZone, one + two,
                both, String.format("at once / sum %.2f", both / (one + two)));
    }

    /** The remote dump again in a child JVM with -Xmx64m: the controller's heap stays bounded. */
    private String[] heapCheck(NodeAgent agent, String netns, long expected) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RemoteHeapCheck.class.getName(), agent.url(), agent.fingerprint(), netns, Long.toString(expected));
        try {
            Cli.Run r = Cli.run(cmd, true).checked(cmd);
            String line = r.out().lines().filter(l -> l.startsWith(HeapCheck.PREFIX)).findFirst().orElse("");
            return new String[] {"remote full dump in a child JVM with -Xmx64m", Long.toString(expected), "",
                line.replaceAll(".*seconds=([0-9.]+).*", "$1"), "PASS (" + line.substring(HeapCheck.PREFIX.length())
                    + "; agent -Xmx" + AGENT_HEAP_MIB + "m)"};
        } catch (IllegalStateException e) {
            return new String[] {"remote full dump in a child JVM with -Xmx64m", Long.toString(expected), "", "",
                "FAIL: " + e.getMessage().lines().findFirst().orElse("")};
        }
    }

    private static double timedCount(ConntrackService ct, long expected) {
        long start = System.nanoTime();
        long[] ports = {0};
        long n = ct.forEach(ConntrackFilter.ALL, e -> ports[0] += e.original().destinationPort());
        double seconds = (System.nanoTime() - start) / 1e9;
        check("dump of " + expected + " (got " + n + ")", n == expected && ports[0] == 80L * n);
        return seconds;
    }

    private double best(DoubleSupplier run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            best = Math.min(best, run.getAsDouble());
        }
        return best;
    }

    private static double timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new IllegalStateException("benchmark step failed: " + what);
        }
    }

    private void row(String operation, long n, double local, double remote, String note) {
        rows.add(new String[] {operation, String.format("%,d", n), String.format("%.3f", local),
            String.format("%.3f", remote), note});
    }

    private void print() {
        out.println();
        out.println("| operation | entries | local / baseline (s) | remote (s) | note |");
        out.println("|---|---:|---:|---:|---|");
        for (String[] r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private void progress(String step) {
        out.println("... " + step);
    }
}
