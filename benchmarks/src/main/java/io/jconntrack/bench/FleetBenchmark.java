package io.jconntrack.bench;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.remote.RemoteConntrack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 23 ({@code scripts/benchmark.sh --fleet N}): N node agents from the agent distribution, each in a network
 * namespace of the benchmark holding {@value #ZONES} zones of {@value #ZONE_SIZE} entries, and one controller (the
 * full distribution with {@code jconntrack-remote}, {@code -Xmx64m}) in a namespace linked to each node's by a veth
 * pair (198.19.I.0/30, RFC 2544's benchmarking range). Every operation goes through the controller's
 * console over SSH, one session, each command an exec channel timed from its opening to its exit (bin/client's JVM
 * start is not in the time: {@link FleetConsole}); the controller's heap
 * is read with jcmd after each. With {@code --hung} the last node is then frozen (SIGSTOP: connections accepted,
 * nothing answered) and the operations run again. With {@code --footprint M} one agent is first measured alone: boot
 * to its first answered request, resident memory after boot and while a list of an M-entry table streams.
 */
public final class FleetBenchmark {
    static final int ZONES = 10;
    static final int ZONE_SIZE = 1_000;
    static final int LIST_ZONE = 1;
    static final int WARM_DELETE_ZONE = 10;
    static final int EVENT_ZONE = 77;
    /** Counted by the console's own wc: megabytes of output over one SSH exec channel lost their end here. */
    static final String LIST = "conntrack:list -N all -w " + LIST_ZONE + " -o conntrack | wc -l";
    static final int EVENTS_PER_NODE = 1_000;
    static final int REQUEST_TIMEOUT_SECONDS = 10;
    /** As the console's fan-out: at most this many nodes at once. */
    static final int PARALLEL = 16;
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final int nodes;
    private final int repeats;
    private final boolean hung;
    private final int footprintEntries;
    private final Path agentTar;
    private final Path distributionTar;
    private final String controllerNamespace;
    private final PrintStream out;
    private final List<String> rows = new ArrayList<>();

    FleetBenchmark(int nodes, int repeats, boolean hung, int footprintEntries, Path agentTar, Path distributionTar,
                   String controllerNamespace, PrintStream out) {
        this.controllerNamespace = controllerNamespace;
        this.nodes = nodes;
        this.repeats = repeats;
        this.hung = hung;
        this.footprintEntries = footprintEntries;
        this.agentTar = agentTar;
        this.distributionTar = distributionTar;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String reason = Benchmark.unavailableReason();
        if (reason == null && !Cli.onPath("curl")) {
            reason = "the 'curl' tool is missing (it times the agent's first answer and streams its list)";
        }
        if (reason != null) {
            System.err.println("cannot run the benchmark: " + reason);
            System.exit(2);
        }
        int nodes = 0;
        int repeats = 3;
        boolean hung = false;
        int footprint = 0;
        Path agent = null;
        Path distribution = null;
        String controllerNs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fleet" -> nodes = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--hung" -> hung = true;
                case "--footprint" -> footprint = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                case "--agent" -> agent = Paths.get(args[++i]);
                case "--distribution" -> distribution = Paths.get(args[++i]);
                case "--controller-namespace" -> controllerNs = args[++i];
                default -> throw new IllegalArgumentException(args[i] + ": unknown; takes --fleet N [--repeats R] "
                        + "[--hung] [--footprint ENTRIES] --agent TAR.GZ --distribution TAR.GZ");
            }
        }
        if (nodes < 0 || nodes > 250 || (nodes == 0 && footprint == 0)) {
            throw new IllegalArgumentException("--fleet: " + nodes + " is not 1..250 nodes");
        }
        if (repeats < 1 || repeats > 8) {
            throw new IllegalArgumentException("--repeats: " + repeats + " is not 1..8");
        }
        if (hung && nodes < 2) {
            throw new IllegalArgumentException("--hung: needs at least 2 nodes, one to freeze and one to answer");
        }
        if (footprint < 0 || footprint > 2_000_000 || footprint % ZONES != 0) {
            throw new IllegalArgumentException("--footprint: " + footprint + " is not 0..2,000,000 entries, a "
                    + "multiple of " + ZONES);
        }
        for (Path p : Arrays.asList(agent, distribution)) {
            if (p == null || !Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--agent and --distribution: the built tar.gz files; '" + p
                        + "' is not one");
            }
        }
        if (nodes > 0 && controllerNs == null) {
            throw new IllegalArgumentException("--controller-namespace: the namespace this JVM runs in (made by "
                    + "scripts/benchmark.sh, which starts it with ip netns exec): the controller's console is on its "
                    + "loopback");
        }
        new FleetBenchmark(nodes, repeats, hung, footprint, agent, distribution, controllerNs, System.out).run();
    }

    void run() throws Exception {
        out.printf(Locale.ROOT, "fleet benchmark: %s, %d cores, kernel %s, java %s%n", java.time.ZonedDateTime.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.version"),
                System.getProperty("java.version"));
        if (footprintEntries > 0) {
            footprint();
        }
        if (nodes > 0) {
            fleet();
        }
        out.println();
        out.println("| nodes | operation | seconds (median of " + repeats + ", in the console session) "
                + "| CPU s a run: agents / controller | controller heap used after, MiB | notes |");
        out.println("|---|---|---|---|---|---|");
        rows.forEach(out::println);
    }

    // ---- one agent alone: boot and resident memory --------------------------------------------------------------

    private void footprint() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ns = "jct-fa-" + suffix;
        GlobalSysctl max = new GlobalSysctl("net.netfilter.nf_conntrack_max");
        Path work = Files.createTempDirectory("jct-fleet-footprint-");
        Cli.run(List.of("ip", "netns", "add", ns), true);
        FleetAgent agent = null;
        try {
            max.set(Math.max(max.original(), footprintEntries * 2L));
            Cli.run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"), true);
            fill(ns, footprintEntries / ZONES);
            agent = FleetAgent.unpack(agentTar, work.resolve("agent"), ns, "127.0.0.1");
            long t0 = System.nanoTime();
            agent.start();
            double boot = awaitAnswer(ns, "https://127.0.0.1:8443/conntrack/v1/statistics", t0);
            Thread.sleep(10_000);
            long afterBoot = agent.residentKib();
            AtomicLong peak = new AtomicLong();
            FleetAgent sampled = agent;
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(sampled.residentKib(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.start();
            Cli.Run list = Cli.run(List.of("ip", "netns", "exec", ns, "curl", "-sk", "-o", "/dev/null", "-w",
                    "%{http_code} %{size_download}", "-u", FleetAgent.ADMIN + ":" + FleetAgent.ADMIN_PASSWORD,
                    "https://127.0.0.1:8443/conntrack/v1/entries"), true);
            sampler.interrupt();
            sampler.join();
            long afterStream = agent.residentKib();
            out.printf(Locale.ROOT, "agent alone: boot to first answered request %.2f s; resident after boot %d MiB; "
                    + "while a %,d-entry list streamed (%s bytes in %.2f s, HTTP %s): peak %d MiB, after %d MiB%n",
                    boot, afterBoot / 1024, footprintEntries, list.out().split(" ")[1], list.seconds(),
                    list.out().split(" ")[0], peak.get() / 1024, afterStream / 1024);
            rows.add(String.format(Locale.ROOT, "| 1 (alone) | agent boot to first answered request | %.2f | — "
                    + "| — | resident after boot %d MiB (target ≤ 160); boot target ≤ 8 s |", boot,
                    afterBoot / 1024));
            rows.add(String.format(Locale.ROOT, "| 1 (alone) | list of %,d entries streamed from the agent (curl) "
                    + "| %.2f | — | — | agent resident peak %d MiB while streaming (target ≤ 200) |",
                    footprintEntries, list.seconds(), peak.get() / 1024));
        } finally {
            if (agent != null) {
                agent.close();
            }
            Cli.run(List.of("ip", "netns", "del", ns), true);
            max.restore();
            deleteTree(work);
        }
    }

    /** Polls {@code url} with curl inside {@code ns} until it answers 200; seconds since {@code t0}. */
    private static double awaitAnswer(String ns, String url, long t0) throws InterruptedException {
        long end = t0 + 240_000_000_000L;
        while (System.nanoTime() < end) {
            Cli.Run r = runQuietly(List.of("ip", "netns", "exec", ns, "curl", "-sk", "--max-time", "2", "-o",
                    "/dev/null", "-w", "%{http_code}", "-u", FleetAgent.ADMIN + ":" + FleetAgent.ADMIN_PASSWORD,
                    url));
            if (r != null && r.out().trim().equals("200")) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(url + " did not answer within 240 s");
    }

    private static Cli.Run runQuietly(List<String> cmd) {
        try {
            return Cli.run(cmd, true);
        } catch (RuntimeException e) {
            return null; // curl's exit status when nothing listens yet
        }
    }

    // ---- the fleet ----------------------------------------------------------------------------------------------

    private void fleet() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String ctl = controllerNamespace;
        Path work = Files.createTempDirectory("jct-fleet-");
        List<String> namespaces = new ArrayList<>();
        List<FleetAgent> agents = new ArrayList<>();
        ControllerKaraf controller = null;
        try {
            inNs(ctl, "ip", "link", "set", "lo", "up");
            for (int i = 1; i <= nodes; i++) {
                String ns = "jct-fn" + i + "-" + suffix;
                addNamespace(ns, namespaces);
                Cli.run(List.of("ip", "link", "add", "fc" + i, "netns", ctl, "type", "veth", "peer", "name", "fn" + i,
                        "netns", ns), true);
                inNs(ctl, "ip", "addr", "add", address(i, 1) + "/30", "dev", "fc" + i);
                inNs(ctl, "ip", "link", "set", "fc" + i, "up");
                inNs(ns, "ip", "addr", "add", address(i, 2) + "/30", "dev", "fn" + i);
                inNs(ns, "ip", "link", "set", "fn" + i, "up");
                fill(ns, ZONE_SIZE);
                agents.add(FleetAgent.unpack(agentTar, work.resolve(name(i)), ns, address(i, 2)));
            }
            List<Double> boots = new ArrayList<>();
            List<String> fingerprints = startInWaves(agents, boots);
            out.printf(Locale.ROOT, "%d agents started (4 at a time): boot to REST agent median %.1f s, max %.1f s%n",
                    nodes, median(boots), boots.stream().mapToDouble(d -> d).max().orElse(0));
            controller = ControllerKaraf.start(distributionTar, work.resolve("controller"), ctl, agents,
                    fingerprints);
            FleetConsole console = controller.console();
            List<RemoteConntrack> remotes = remotes(agents, fingerprints);
            try {
                measure(console, controller, agents, remotes, "");
                latencies(remotes, "all answering");
                if (hung) {
                    agents.get(nodes - 1).freeze();
                    out.println("node " + name(nodes) + " frozen (SIGSTOP)");
                    latencies(remotes, "the last frozen");
                    measureHung(console, controller);
                    agents.get(nodes - 1).thaw();
                }
            } finally {
                remotes.forEach(RemoteConntrack::close);
            }
        } finally {
            if (controller != null) {
                controller.close();
            }
            agents.forEach(FleetAgent::close);
            for (String ns : namespaces) {
                runQuietly(List.of("ip", "netns", "del", ns));
            }
            deleteTree(work);
        }
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "node%03d", i);
    }

    static String address(int node, int host) {
        return "198.19." + node + "." + host;
    }

    private static void addNamespace(String ns, List<String> namespaces) {
        Cli.run(List.of("ip", "netns", "add", ns), true);
        namespaces.add(ns);
        inNs(ns, "ip", "link", "set", "lo", "up");
    }

    private static void inNs(String ns, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(Arrays.asList(cmd));
        Cli.run(c, true);
    }

    /** {@value #ZONES} zones of {@code perZone} entries in {@code ns}, through the service itself. */
    private static void fill(String ns, int perZone) {
        try (NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService s = root.inNamespace(ns);
            for (int z = 1; z <= ZONES; z++) {
                s.create(Fixture.zone(z, perZone));
            }
        }
    }

    /** Starts the agents four at a time (each boot takes most of a core); their fingerprints in order. */
    private static List<String> startInWaves(List<FleetAgent> agents, List<Double> boots) throws Exception {
        List<String> fingerprints = new ArrayList<>();
        for (int from = 0; from < agents.size(); from += 4) {
            List<FleetAgent> wave = agents.subList(from, Math.min(agents.size(), from + 4));
            long t0 = System.nanoTime();
            wave.forEach(FleetAgent::start);
            for (FleetAgent a : wave) {
                fingerprints.add(a.awaitFingerprint(240));
                boots.add((System.nanoTime() - t0) / 1e9);
            }
        }
        return fingerprints;
    }

    /** Every operation once to warm up (connections, JIT), then {@code repeats} times each. */
    private void measure(FleetConsole console, ControllerKaraf controller, List<FleetAgent> agents,
                         List<RemoteConntrack> remotes, String note) throws Exception {
        console.ok("conntrack:count -N all");
        console.ok(LIST);
        console.ok("conntrack:delete -N all -w " + WARM_DELETE_ZONE);
        console.ok("conntrack:nodes --no-format");
        List<Double> count = new ArrayList<>();
        List<Double> list = new ArrayList<>();
        List<Double> delete = new ArrayList<>();
        List<Double> nodesTimes = new ArrayList<>();
        List<Double> events = new ArrayList<>();
        Cpu cpu = new Cpu(agents, controller);
        long heap = 0;
        for (int r = 0; r < repeats; r++) {
            cpu.mark();
            FleetConsole.Run c = console.ok("conntrack:count -N all");
            cpu.add("count");
            int left = (ZONES - 1 - r) * ZONE_SIZE; // the warm-up's zone and the zones of the repeats before deleted
            check(c.lines().stream().filter(line -> line.equals(Integer.toString(left))).count() == nodes,
                    "count: " + c.lines());
            count.add(c.seconds());
            heap = Math.max(heap, controller.heapUsedKib());
            cpu.mark();
            FleetConsole.Run l = console.ok(LIST);
            cpu.add("list");
            long lines = Long.parseLong(l.lines().get(l.lines().size() - 1).trim());
            check(lines == (long) nodes * ZONE_SIZE + nodes + 1, "list: " + lines + " lines"); // and a [NODE] each
            list.add(l.seconds());
            heap = Math.max(heap, controller.heapUsedKib());
            int zone = 2 + r;
            cpu.mark();
            FleetConsole.Run d = console.ok("conntrack:delete -N all -w " + zone);
            cpu.add("delete");
            check(d.count(ZONE_SIZE + " flow entries have been deleted") == nodes, "delete: " + d.lines());
            delete.add(d.seconds());
            heap = Math.max(heap, controller.heapUsedKib());
            cpu.mark();
            FleetConsole.Run n = console.ok("conntrack:nodes --no-format");
            cpu.add("nodes");
            check(n.count(" up ") + n.count("\tup") >= nodes, "nodes: " + n.lines());
            nodesTimes.add(n.seconds());
            cpu.mark();
            events.add(events(remotes, agents));
            cpu.add("events");
            heap = Math.max(heap, controller.heapUsedKib());
        }
        long live = controller.liveHeapKib();
        row("count --node all (" + ZONES * ZONE_SIZE + " entries a node)", count, cpu.of("count"), heap, note);
        row("list of one zone on every node (" + ZONE_SIZE + " a node, -o conntrack, lines counted in the console)",
                list, cpu.of("list"), heap, note);
        row("delete --node all -w Z (" + ZONE_SIZE + " a node; the zone checked empty after)", delete,
                cpu.of("delete"), heap, note);
        row("conntrack:nodes", nodesTimes, cpu.of("nodes"), heap, note);
        row("events from all nodes at once through the remote services (" + EVENTS_PER_NODE + " NEW a node, created "
                + "on all nodes at once; from the first create to the last event received, none lost)", events,
                cpu.of("events"), heap, note);
        out.printf(Locale.ROOT, "controller heap after a full GC: %d MiB (of -Xmx64m)%n", live / 1024);
        rows.add(String.format(Locale.ROOT, "| %d | controller live heap after the runs (full GC) | — | — | %d | |",
                nodes,
                live / 1024));
    }

    /**
     * Events of every node at once through the nodes' remote services (the controller's code: one shared HTTP client,
     * an SSE stream a node) while every node creates {@value #EVENTS_PER_NODE} entries at once: the seconds from the
     * first create until the last of them arrived, none lost. (The console's {@code events -N all} prints the same
     * streams, FleetIT checks it; megabytes of its output over one SSH exec channel lost their end here.)
     */
    private double events(List<RemoteConntrack> remotes, List<FleetAgent> agents) throws Exception {
        int expected = nodes * EVENTS_PER_NODE;
        java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(expected);
        AtomicLong overflows = new AtomicLong();
        List<Subscription> subscriptions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes, 8));
        try (NetlinkConntrackService root = Conntrack.open()) {
            EventFilter filter = EventFilter.of(EnumSet.of(EventType.NEW), ConntrackFilter.zone(EVENT_ZONE));
            for (RemoteConntrack r : remotes) {
                subscriptions.add(r.service().subscribe(filter, new ConntrackListener() {
                    @Override
                    public void onEvent(ConntrackEvent event) {
                        received.countDown();
                    }

                    @Override
                    public void onOverflow(long n) {
                        overflows.incrementAndGet();
                    }
                }));
            }
            long t0 = System.nanoTime();
            List<Future<?>> creating = new ArrayList<>();
            for (FleetAgent a : agents) {
                creating.add(pool.submit(() -> root.inNamespace(a.netns()).create(Fixture.zone(EVENT_ZONE,
                        EVENTS_PER_NODE))));
            }
            for (Future<?> f : creating) {
                f.get();
            }
            boolean all = received.await(120, java.util.concurrent.TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            check(all && overflows.get() == 0, "events: " + (expected - received.getCount()) + " of " + expected
                    + ", " + overflows.get() + " losses reported");
            for (FleetAgent a : agents) {
                root.inNamespace(a.netns()).flush(EVENT_ZONE);
            }
            return seconds;
        } finally {
            subscriptions.forEach(Subscription::close);
            pool.shutdownNow();
        }
    }

    /** Each node's remote service, as the controller's are made (one shared HTTP client), with its timeouts. */
    private static List<RemoteConntrack> remotes(List<FleetAgent> agents, List<String> fingerprints) {
        List<RemoteConntrack> remotes = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            remotes.add(RemoteConntrack.pinned(name(i + 1), agents.get(i).url(), FleetAgent.ADMIN,
                    FleetAgent.ADMIN_PASSWORD, fingerprints.get(i), Duration.ofSeconds(3),
                    Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS)));
        }
        return remotes;
    }

    /**
     * Every node counted at once ({@value #PARALLEL} at a time, as {@code --node all} does), each count timed on its
     * own: the median and slowest of the nodes that answered, and what the others did.
     */
    private void latencies(List<RemoteConntrack> remotes, String state) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(remotes.size(), PARALLEL));
        try {
            for (int round = 0; round < 2; round++) { // the first round opens the connections
                List<Future<Double>> times = new ArrayList<>();
                long t0 = System.nanoTime();
                for (RemoteConntrack r : remotes) {
                    times.add(pool.submit(() -> {
                        long s = System.nanoTime();
                        r.service().count(ConntrackFilter.ALL);
                        return (System.nanoTime() - s) / 1e9;
                    }));
                }
                List<Double> answered = new ArrayList<>();
                List<String> failed = new ArrayList<>();
                for (int i = 0; i < times.size(); i++) {
                    try {
                        answered.add(times.get(i).get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed.add(name(i + 1) + " after " + String.format(Locale.ROOT, "%.1f",
                                (System.nanoTime() - t0) / 1e9) + " s: " + e.getCause().getMessage()
                                .replaceFirst(".*: ", ""));
                    }
                }
                if (round == 1) {
                    rows.add(String.format(Locale.ROOT, "| %d, %s | each node's count through its remote service, "
                            + "all at once | median %.3f, slowest %.3f (%d nodes answered) | — | — | %s |", nodes,
                            state, median(answered), answered.stream().mapToDouble(d -> d).max().orElse(0),
                            answered.size(), failed.isEmpty() ? "" : "failed: " + String.join("; ", failed)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** With the last node frozen: each operation's total, and when the frozen node's part began (the others done). */
    private void measureHung(FleetConsole console, ControllerKaraf controller) {
        String frozen = "[" + name(nodes) + "]";
        // The list through a pipe would hide its failure (Gogo reports the pipe's last command): a tenth of the zone,
        // printed.
        for (String command : List.of("conntrack:count -N all", "conntrack:list -N all -w " + LIST_ZONE + " -s "
                + Fixture.selectionSource() + " -o conntrack", "conntrack:delete -N all -w " + (2 + repeats))) {
            FleetConsole.Run r = console.run(command);
            check(r.exit() == 1 && r.count(frozen + " failed: ") == 1 && r.count("1 of " + (nodes + 1)
                    + " nodes failed: " + name(nodes)) == 1, command + " with a frozen node: " + r.lines());
            String reason = r.lines().stream().filter(l -> l.startsWith(frozen + " failed: ")).findFirst()
                    .orElse("").replaceFirst(".*: ", "");
            rows.add(String.format(Locale.ROOT, "| %d, 1 frozen | %s | %.2f | — | %d | exit 1 naming %s (%s); "
                    + "the other %d nodes' parts complete |", nodes, command, r.seconds(),
                    controller.heapUsedKib() / 1024, name(nodes), reason, nodes - 1));
        }
        FleetConsole.Run n = console.ok("conntrack:nodes --no-format --timeout 5");
        check(n.count("down") >= 1, "nodes with a frozen node: " + n.lines());
        rows.add(String.format(Locale.ROOT, "| %d, 1 frozen | conntrack:nodes --timeout 5 | %.2f | — | %d | the "
                + "frozen node down |", nodes, n.seconds(), controller.heapUsedKib() / 1024));
    }

    private void row(String what, List<Double> seconds, double[] cpu, long heapKib, String note) {
        rows.add(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f / %.2f | %d | %s |", nodes, what,
                median(seconds), cpu[0], cpu[1], heapKib / 1024, note));
    }

    /**
     * CPU time the agents (all of them) and the controller spent in each operation, per run: on this machine they
     * all share its cores, so an operation over N nodes cannot take less than the agents' CPU over the cores.
     */
    private final class Cpu {
        private final List<FleetAgent> agents;
        private final ControllerKaraf controller;
        private final java.util.Map<String, double[]> sums = new java.util.HashMap<>();
        private double[] before;

        Cpu(List<FleetAgent> agents, ControllerKaraf controller) {
            this.agents = agents;
            this.controller = controller;
        }

        private double[] now() {
            double a = 0;
            for (FleetAgent agent : agents) {
                a += ProcFs.cpuSeconds(agent.pid());
            }
            return new double[] {a, ProcFs.cpuSeconds(controller.pid())};
        }

        void mark() {
            before = now();
        }

        void add(String op) {
            double[] after = now();
            double[] sum = sums.computeIfAbsent(op, k -> new double[2]);
            sum[0] += after[0] - before[0];
            sum[1] += after[1] - before[1];
        }

        /** Mean CPU seconds per run: agents, controller. */
        double[] of(String op) {
            double[] sum = sums.getOrDefault(op, new double[2]);
            return new double[] {sum[0] / repeats, sum[1] / repeats};
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected result: " + what);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("left behind: " + dir + " (" + e + ")");
        }
    }

    /** The controller: the full distribution with jconntrack-remote and one configuration per node. */
    static final class ControllerKaraf implements AutoCloseable {
        private final Path home;
        private final String netns;
        private FleetConsole console;

        private ControllerKaraf(Path home, String netns) {
            this.home = home;
            this.netns = netns;
        }

        static ControllerKaraf start(Path tarGz, Path home, String netns, List<FleetAgent> agents,
                                     List<String> fingerprints) throws IOException {
            Files.createDirectories(home);
            Cli.run(List.of("tar", "xzf", tarGz.toString(), "-C", home.toString(), "--strip-components=1"), true);
            Path features = home.resolve("etc/org.apache.karaf.features.cfg");
            String text = Files.readString(features);
            Matcher boot = Pattern.compile("(featuresBoot\\s*=\\s*\\\\\\n(?:.*,\\s*\\\\\\n)*.*?)(\\s*\\n)")
                    .matcher(text);
            check(boot.find(), "featuresBoot in " + features);
            Files.writeString(features, text.substring(0, boot.end(1)) + ", \\\n    jconntrack-remote"
                    + text.substring(boot.end(1)));
            Path secret = home.resolve("etc/fleet.password").toAbsolutePath();
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            Files.writeString(secret, FleetAgent.ADMIN_PASSWORD + "\n");
            for (int i = 0; i < agents.size(); i++) {
                Files.writeString(home.resolve("etc/io.jconntrack.node-" + name(i + 1) + ".cfg"), "name = "
                        + name(i + 1) + "\nurl = " + agents.get(i).url() + "\nusername = " + FleetAgent.ADMIN
                        + "\npasswordFile = " + secret + "\nfingerprint = " + fingerprints.get(i)
                        + "\nrequestTimeoutSeconds = " + REQUEST_TIMEOUT_SECONDS + "\nconnectTimeoutSeconds = 3\n");
            }
            ControllerKaraf k = new ControllerKaraf(home, netns);
            Cli.run(List.of("ip", "netns", "exec", netns, "env", "JAVA_HOME=" + System.getProperty("java.home"),
                    "EXTRA_JAVA_OPTS=-Xmx64m", home.resolve("bin/start").toString()), true);
            long end = System.nanoTime() + 300_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    if (k.console == null) {
                        k.console = FleetConsole.open(8101, "karaf", "karaf");
                    }
                    if (k.console.run("conntrack:count -N all").exit() == 0) {
                        return k;
                    }
                } catch (IOException | RuntimeException notYet) {
                    // SSH not listening yet, or a session opened too early: again
                    if (k.console != null) {
                        k.console.close();
                        k.console = null;
                    }
                }
                sleepQuietly(1000);
            }
            k.close();
            throw new IllegalStateException("the controller did not reach every node within 300 s");
        }

        FleetConsole console() {
            return console;
        }

        long pid() {
            return KarafHome.pid(home);
        }

        /** Heap in use now (jcmd GC.heap_info), KiB. */
        long heapUsedKib() {
            Cli.Run r = runQuietly(List.of("jcmd", Long.toString(pid()), "GC.heap_info"));
            Matcher m = HEAP_USED.matcher(r == null ? "" : r.out());
            return m.find() ? Long.parseLong(m.group(2)) : -1;
        }

        /** Heap in use after a full collection, KiB. */
        long liveHeapKib() {
            runQuietly(List.of("jcmd", Long.toString(pid()), "GC.run"));
            return heapUsedKib();
        }

        @Override
        public void close() {
            if (console != null) {
                console.close();
            }
            KarafHome.stop(home, List.of("ip", "netns", "exec", netns));
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
