package io.jconntrack.bench;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * The service against the {@code conntrack} CLI on the same table, in a network namespace of its own. Run as root:
 * {@code scripts/benchmark.sh [--entries N] [--repeats R] [--buckets B]}. It raises {@code nf_conntrack_max} and sets
 * {@code nf_conntrack_buckets} for the run, and puts both back and deletes its namespace at the end, also on
 * failure or Ctrl-C.
 */
public final class Benchmark {
    /** Table size, zone 1 for reads, 7/8 for deleting given entries, 9/10 for deleting a zone, 6 for flush(zone). */
    private static final int READ_ZONE = 1;
    private static final int FLUSH_ZONE = 6;
    private static final int GIVEN_OURS = 7;
    private static final int GIVEN_CLI = 8;
    private static final int ZONE_OURS = 9;
    private static final int ZONE_CLI = 10;
    /** A zone outside the table, for timing a few single `conntrack -I` calls. */
    private static final int SCRATCH_ZONE = 100;
    private static final int CLI_INSERTS = 200;

    /**
     * @param entries table size, a multiple of 100 (10 zones, 10 sources per zone)
     * @param repeats how often each read-only operation runs (the best time is kept, for ours and the CLI alike)
     * @param buckets {@code nf_conntrack_buckets} for the run; 0 leaves it as it is
     * @param heapCheck whether to run the full dump again in a child JVM with {@code -Xmx64m}
     * @param eventsOnly whether to run item 7 alone, on an otherwise empty table
     * @param eventRuns how often each event burst (one creating thread, two) runs; every run is a row
     * @param expectations expectations of the item 9 burst (0: no item 9)
     * @param expectationsOnly whether to run item 9 alone, on an otherwise empty table
     * @param distribution the built distribution's tar.gz for item 10 (zone delete through bin/client), or null
     */
    public record Config(int entries, int repeats, long buckets, boolean heapCheck, boolean eventsOnly,
                         int eventRuns, int expectations, boolean expectationsOnly, Path distribution) {
        public static final int DEFAULT_ENTRIES = 1_000_000;
        public static final long DEFAULT_BUCKETS = 1_048_576;
        public static final int DEFAULT_EXPECTATIONS = 50_000;

        public Config {
            if (entries < 1000 || entries % (Fixture.ZONES * Fixture.SOURCES) != 0) {
                throw new IllegalArgumentException("entries: " + entries + " must be a multiple of 100, at least 1000");
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats: " + repeats + " must be at least 1");
            }
            if (buckets < 0) {
                throw new IllegalArgumentException("buckets: " + buckets + " must not be negative");
            }
            if (eventRuns < 1) {
                throw new IllegalArgumentException("eventRuns: " + eventRuns + " must be at least 1");
            }
            if (expectations < 0 || expectations > MAX_EXPECTATIONS) {
                throw new IllegalArgumentException("expectations: " + expectations + " must be within 0.."
                        + MAX_EXPECTATIONS);
            }
            if (distribution != null && !Files.isRegularFile(distribution)) {
                throw new IllegalArgumentException("distribution: '" + distribution + "' is not the built tar.gz");
            }
        }

        /** The masters' addresses of item 9 take one host per 60,000 ports, within one /24. */
        static final int MAX_EXPECTATIONS = 250 * 60_000;

        /** The smoke test's configuration: a small expectation burst (within the kernel's default maximum). */
        public Config(int entries, int repeats, long buckets, boolean heapCheck) {
            this(entries, repeats, buckets, heapCheck, false, 1, 2_000, false, null);
        }

        static Config parse(String[] args) {
            int entries = DEFAULT_ENTRIES;
            int repeats = 2;
            long buckets = DEFAULT_BUCKETS;
            boolean heap = true;
            boolean eventsOnly = false;
            int eventRuns = 1;
            int expectations = DEFAULT_EXPECTATIONS;
            boolean expectationsOnly = false;
            Path distribution = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--entries": entries = Integer.parseInt(args[++i].replace("_", "").replace(",", "")); break;
                    case "--repeats": repeats = Integer.parseInt(args[++i]); break;
                    case "--buckets": buckets = Long.parseLong(args[++i].replace("_", "").replace(",", "")); break;
                    case "--no-heap-check": heap = false; break;
                    case "--events-only": eventsOnly = true; break;
                    case "--event-runs": eventRuns = Integer.parseInt(args[++i]); break;
                    case "--expectations": expectations = Integer.parseInt(args[++i].replace("_", "")); break;
                    case "--expectations-only": expectationsOnly = true; break;
                    case "--distribution": distribution = Paths.get(args[++i]); break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + args[i]
                                + " (use --entries N, --repeats R, --buckets B (0: unchanged), --no-heap-check,"
                                + " --events-only, --event-runs R, --expectations N (0: none), --expectations-only,"
                                + " --distribution TAR.GZ)");
                }
            }
            return new Config(entries, repeats, buckets, heap, eventsOnly, eventRuns, expectations,
                    expectationsOnly, distribution);
        }

        /** Entries created (and flushed) by one event burst: a fifth of the table, at most 200,000. */
        int eventEntries() {
            return Math.max(1000, Math.min(entries / 5, 200_000)) / Fixture.SOURCES * Fixture.SOURCES;
        }
    }

    /** What a run measured and which targets it met. */
    public record Report(List<Row> rows, List<String> targets, boolean allTargetsMet) {
    }

    private final Config config;
    private final PrintStream out;
    private final ResultTable table = new ResultTable();

    public Benchmark(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static void main(String[] args) {
        String reason = unavailableReason();
        if (reason != null) {
            System.err.println("cannot run the benchmark: " + reason);
            System.exit(2);
        }
        new Benchmark(Config.parse(args), System.out).run();
    }

    /** Why the benchmark cannot run on this machine, or {@code null}. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "it needs root (ip netns, global sysctls, CAP_NET_ADMIN)";
        }
        if (!Cli.onPath("ip")) {
            return "the 'ip' tool (iproute2) is missing";
        }
        if (!Cli.onPath("conntrack")) {
            return "the 'conntrack' tool (conntrack-tools) is missing";
        }
        if (!Files.exists(Paths.get("/proc/sys/net/netfilter/nf_conntrack_max"))) {
            return "nf_conntrack is not loaded (no /proc/sys/net/netfilter/nf_conntrack_max)";
        }
        return null;
    }

    public Report run() {
        GlobalSysctl max = new GlobalSysctl("net.netfilter.nf_conntrack_max");
        GlobalSysctl buckets = new GlobalSysctl("net.netfilter.nf_conntrack_buckets");
        GlobalSysctl expectMax = new GlobalSysctl("net.netfilter.nf_conntrack_expect_max");
        String netns = "jct-bench-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (cleaned.compareAndSet(false, true)) {
                cleanUp(netns, max, buckets, expectMax);
            }
        };
        Thread hook = new Thread(cleanup, "jct-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Cli.run(List.of("ip", "netns", "add", netns), true);
            long neededMax = config.entries() + config.entries() / 10 + 10_000;
            if (max.original() < neededMax) {
                max.set(neededMax);
            }
            if (config.buckets() > 0) {
                buckets.set(config.buckets());
            }
            if (expectMax.original() < config.expectations()) {
                expectMax.set(config.expectations()); // global: the kernel refuses expectations beyond it
            }
            machine(netns, max, buckets, expectMax);
            try (NetlinkConntrackService ct = Conntrack.open(ConntrackOptions.defaults()
                    .withDefaultNamespace(netns))) {
                measure(ct, new Cli(netns), netns);
            }
            out.println();
            table.print(out);
            out.println();
            return targets();
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs (and does nothing, cleanup is done)
            }
        }
    }

    private void machine(String netns, GlobalSysctl max, GlobalSysctl buckets, GlobalSysctl expectMax) {
        out.printf("jconntrack benchmark: N = %,d entries in %d zones, namespace %s%n", config.entries(),
                Fixture.ZONES, netns);
        out.printf("machine: %d cores, Linux %s, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.version"), System.getProperty("java.version"),
                Cli.run(List.of("conntrack", "--version"), true).out().trim());
        out.printf("nf_conntrack_buckets: %,d for the run (was %,d); nf_conntrack_max: %,d for the run (was %,d)%n",
                buckets.read(), buckets.original(), max.read(), max.original());
        out.printf("nf_conntrack_expect_max: %,d for the run (was %,d)%n", expectMax.read(), expectMax.original());
        out.printf("read-only operations run %d times each, best kept (ours and the CLI alike)%n", config.repeats());
        out.printf("load average at the start: %s%n", loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void cleanUp(String netns, GlobalSysctl max, GlobalSysctl buckets, GlobalSysctl expectMax) {
        List<String> problems = new ArrayList<>();
        try {
            Cli.Run r = Cli.run(List.of("ip", "netns", "del", netns), true);
            out.println("namespace " + netns + " deleted (exit " + r.exit() + ")");
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        for (GlobalSysctl s : List.of(expectMax, buckets, max)) {
            try {
                s.restore();
                out.printf("%s restored to %,d (now %,d)%n", s.key(), s.original(), s.read());
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("CLEANUP PROBLEMS: " + problems);
        }
    }

    private void measure(NetlinkConntrackService ct, Cli cli, String netns) {
        if (config.eventsOnly()) {
            events(ct, netns);
            return;
        }
        if (config.expectationsOnly()) {
            expectations(ct, netns);
            return;
        }
        int n = config.entries();
        int perZone = Fixture.perZone(n);
        int selected = perZone / Fixture.SOURCES;

        // 1. bulk create
        progress("creating " + n + " entries");
        double create = 0;
        for (int z = Fixture.FIRST_ZONE; z < Fixture.FIRST_ZONE + Fixture.ZONES; z++) {
            List<ConntrackEntry> entries = Fixture.zone(z, perZone);
            long t0 = System.nanoTime();
            BulkResult r = ct.create(entries);
            create += secondsSince(t0);
            expect("create zone " + z, perZone, r.succeeded());
        }
        expect("table after create", n, ct.count(ConntrackFilter.ALL));
        table.add(new Row("1 bulk create: create(Collection), one call per zone", n, create, null,
                cliInsertNote(cli, n)));

        // 6. counts, on the full table
        progress("counting");
        double count = best(() -> timed(() -> expect("count", n, ct.count(ConntrackFilter.ALL))));
        double cliCount = best(() -> {
            Cli.Run r = cli.conntrack("-C");
            expect("conntrack -C", n, Long.parseLong(r.out().trim()));
            return r.seconds();
        });
        table.add(new Row("6 count: count(ALL) (GET_STATS)", n, count, cliCount, "`conntrack -C`"));
        double zoneCount = best(() -> timed(() -> expect("count zone", perZone,
                ct.count(ConntrackFilter.zone(READ_ZONE)))));
        double cliZoneCount = best(() -> {
            Cli.Run r = cli.shell("conntrack -L -w " + READ_ZONE + " 2>/dev/null | wc -l");
            expect("conntrack -L -w | wc -l", perZone, Long.parseLong(r.out().trim()));
            return r.seconds();
        });
        table.add(new Row("6 filtered count: count(zone " + READ_ZONE + ")", perZone, zoneCount, cliZoneCount,
                "`conntrack -L -w " + READ_ZONE + " | wc -l`"));

        // 2. full dump: raw, decoded, CLI, interleaved so that each sees the same machine state
        progress("full dumps");
        double raw = Double.MAX_VALUE;
        double dump = Double.MAX_VALUE;
        double cliDump = Double.MAX_VALUE;
        for (int i = 0; i < config.repeats(); i++) {
            RawDump.Outcome r = rawDump(netns);
            expect("raw dump", n, r.entries());
            raw = Math.min(raw, r.seconds());
            long[] sink = {0};
            long t0 = System.nanoTime();
            long seen = ct.forEach(ConntrackFilter.ALL, e -> sink[0] += e.original().sourcePort() + e.zone());
            dump = Math.min(dump, secondsSince(t0));
            expect("forEach", n, seen);
            Cli.Run c = cli.conntrackDiscarding("-L");
            expect("conntrack -L", n, c.flowCount());
            cliDump = Math.min(cliDump, c.seconds());
        }
        table.add(new Row("2 full dump: forEach(ALL), decoded into ConntrackEntry", n, dump, cliDump,
                String.format("`conntrack -L > /dev/null`; ours / raw = %.2f", dump / raw)));
        table.add(new Row("2 full dump: raw receive, no decoding (kernel's limit)", n, raw, cliDump,
                "same request and 64 KiB buffer, message headers walked only"));

        // 8. the full dump in a 64 MiB heap
        if (config.heapCheck()) {
            progress("full dump in a child JVM with -Xmx64m");
            table.add(heapCheck(netns, n));
        }

        // 3. list one zone
        progress("listing one zone");
        double list = best(() -> timed(() -> expect("list zone", perZone,
                ct.list(ConntrackFilter.zone(READ_ZONE)).size())));
        double cliList = best(() -> {
            Cli.Run r = cli.conntrackDiscarding("-L", "-w", Integer.toString(READ_ZONE));
            expect("conntrack -L -w", perZone, r.flowCount());
            return r.seconds();
        });
        table.add(new Row("3 list one zone: list(zone " + READ_ZONE + ")", perZone, list, cliList,
                "`conntrack -L -w " + READ_ZONE + " > /dev/null`"));

        // 10. delete one zone through the console, on the full table (each deleted zone is created again)
        if (config.distribution() != null) {
            console(ct, cli, netns, perZone);
        }

        // 5. delete given entries: Neutron's list-then-delete, on two identical selections
        progress("deleting given entries");
        long t0 = System.nanoTime();
        List<ConntrackEntry> given = ct.list(Fixture.selection(GIVEN_OURS));
        double listed = secondsSince(t0);
        long t1 = System.nanoTime();
        DeleteResult d = ct.delete(given);
        double deleted = secondsSince(t1);
        expect("listed for delete", selected, given.size());
        expect("deleted", selected, d.deleted());
        Cli.Run cd = cli.conntrack("-D", "-w", Integer.toString(GIVEN_CLI), "-s", Fixture.selectionSource());
        expect("conntrack -D -w -s", selected, cd.flowCount());
        table.add(new Row("5 delete given entries: list(zone+source) then delete(Collection)", selected,
                listed + deleted, cd.seconds(), String.format("`conntrack -D -w %d -s %s`; list %.3f s + delete %.3f s",
                GIVEN_CLI, Fixture.selectionSource(), listed, deleted)));
        table.add(new Row("5 delete given entries: the delete(Collection) part", selected, deleted, null,
                "pipelined, " + ConntrackOptions.DEFAULT_BATCH_SIZE + " per datagram, guarded by CTA_ID"));

        // 4. delete one zone, on two identical zones
        progress("deleting one zone");
        long t2 = System.nanoTime();
        long gone = ct.deleteMatching(ConntrackFilter.zone(ZONE_OURS));
        double zoneDelete = secondsSince(t2);
        expect("deleteMatching", perZone, gone);
        Cli.Run cz = cli.conntrack("-D", "-w", Integer.toString(ZONE_CLI));
        expect("conntrack -D -w", perZone, cz.flowCount());
        table.add(new Row("4 delete one zone: deleteMatching(zone " + ZONE_OURS + "), counted", perZone, zoneDelete,
                cz.seconds(), "`conntrack -D -w " + ZONE_CLI + "` (CLI ran on a table smaller by one zone)"));
        long t3 = System.nanoTime();
        ct.flush(FLUSH_ZONE);
        double flush = secondsSince(t3);
        expect("zone after flush", 0, ct.count(ConntrackFilter.zone(FLUSH_ZONE)));
        table.add(new Row("4 delete one zone: flush(zone " + FLUSH_ZONE + "), not counted", perZone, flush,
                cz.seconds(), "one filtered IPCTNL_MSG_CT_DELETE; CLI: the same `conntrack -D -w " + ZONE_CLI
                        + "` as above"));

        events(ct, netns);
        expectations(ct, netns);

        expect("table at the end", n - 2L * selected - 3L * perZone, ct.count(ConntrackFilter.ALL));
    }

    /**
     * 7. Events: our subscription and {@code conntrack -E} on the same load, first created by one thread, then by two
     * at once (meant as the faster burst; on two cores it is only somewhat faster, see docs/benchmarks.md);
     * {@code eventRuns} times each, every run its own row.
     */
    private void events(NetlinkConntrackService ct, String netns) {
        int entries = config.eventEntries();
        for (int creators = 1; creators <= 2; creators++) {
            for (int run = 1; run <= config.eventRuns(); run++) {
                progress("events, " + creators + " creating thread" + (creators == 1 ? "" : "s") + ", run " + run);
                EventLoad.Outcome ev = EventLoad.run(ct, netns, entries, creators);
                table.add(new Row(eventsRow(creators) + " (run " + run + ")", ev.received(), ev.receiveSeconds(),
                        null, String.format("%,d created by %d thread%s and flushed in %.2f s = %,d events (%,.0f/s);"
                                + " ours received %,d, lost %,d, lost-event reports %d; `conntrack -E` showed %,d",
                                entries, creators, creators == 1 ? "" : "s", ev.loadSeconds(), ev.expected(),
                                ev.producedPerSecond(), ev.received(), ev.lost(), ev.overflows(), ev.cliShown())));
            }
        }
    }

    /** 9. A burst of expectation events: NEW of each expectation created, DESTROY of each at the flush. */
    private void expectations(NetlinkConntrackService ct, String netns) {
        if (config.expectations() == 0) {
            return;
        }
        progress("expectation events, " + config.expectations() + " expectations");
        ExpectationLoad.Outcome x = ExpectationLoad.run(ct, netns, config.expectations());
        table.add(new Row(EXPECTATIONS_ROW, x.received(), x.newSeconds() + x.destroySeconds(), null,
                String.format("%,d created one request each in %.2f s (%,.0f/s; ours received NEW over %.2f s),"
                        + " flushed in one request in %.3f s (ours received DESTROY over %.3f s, %,.0f/s);"
                        + " expected %,d NEW + %,d DESTROY, ours received %,d + %,d, lost %,d, lost-event"
                        + " reports %d; `conntrack -E expect` %s", x.expectations(), x.createSeconds(),
                        x.expectations() / x.createSeconds(), x.newSeconds(), x.flushSeconds(), x.destroySeconds(),
                        x.destroyReceived() / Math.max(x.destroySeconds(), 1e-9), x.expectations(),
                        x.expectations(), x.newReceived(), x.destroyReceived(), x.lost(), x.overflows(),
                        x.cli())));
    }

    private static final String EXPECTATIONS_ROW = "9 expectation events: NEW+DESTROY received while subscribed";
    private static final String CONSOLE_ROW = "10 delete one zone through the console: bin/client -b";
    /** Item 10: ours through bin/client, the CLI, and the console's service call in process. */
    private static final int CONSOLE_OURS = 4;
    private static final int CONSOLE_CLI = 5;
    private static final java.util.regex.Pattern DELETED = java.util.regex.Pattern.compile(
            "(\\d+) flow entries have been deleted");

    /**
     * A console line that prints the container's clock in milliseconds (Gogo calls {@code Date.getTime()}): two of
     * them around a command time it inside the session, without the client's start, login and exit.
     */
    private static final String CLOCK = "echo ((new java.util.Date) time)";

    /**
     * 10. {@code conntrack:delete -w Z} typed into {@code bin/client -b} of the built distribution, started inside
     * the namespace, against {@code conntrack -D -w Z2} on an identical zone, each on the full table (the deleted
     * zone is created again after each run), best of R (at least 5, after one untimed console delete that warms the
     * container's code path). Ours is the client run of {@code CLOCK; conntrack:delete -w Z; CLOCK} minus the best
     * client run of {@code CLOCK; CLOCK} (the client's own start); the two clock lines also give the command's time
     * inside the session. The same selection in process ({@code deleteMatching} of the shared zone, what the command
     * calls) shows where the time goes.
     */
    private void console(NetlinkConntrackService ct, Cli cli, String netns, int perZone) {
        progress("starting the distribution inside " + netns);
        try (ConsoleKaraf karaf = ConsoleKaraf.start(config.distribution(), netns)) {
            for (int i = 0; i < 3; i++) {
                karaf.batch("echo warm-up"); // the first sessions after boot are slow
            }
            String delete = "conntrack:delete -w " + CONSOLE_OURS;
            // A container serving commands has run this path before: one delete, not timed, so that the rounds do
            // not time the just-booted JVM interpreting it (the in-process row runs in a JVM warmed by items 1-9).
            progress("deleting one zone through the console (warm-up, not timed)");
            ConsoleRun.of(karaf.batch(CLOCK + "\n" + delete + "\n" + CLOCK), perZone);
            refill(ct, CONSOLE_OURS, perZone);
            progress("deleting one zone through the console");
            double start = Double.MAX_VALUE;
            double ours = Double.MAX_VALUE;
            double inSession = Double.MAX_VALUE;
            double cliDelete = Double.MAX_VALUE;
            double inProcess = Double.MAX_VALUE;
            String said = "";
            // At least 5 runs: the difference of two client runs of ~1.5-2.5 s each is sensitive to their jitter
            // (0.3-0.5 s between consecutive runs on a loaded machine).
            for (int i = 0; i < Math.max(5, config.repeats()); i++) {
                start = Math.min(start, karaf.batch(CLOCK + "\n" + CLOCK).seconds());
                ConsoleKaraf.Timed t = karaf.batch(CLOCK + "\n" + delete + "\n" + CLOCK);
                ConsoleRun run = ConsoleRun.of(t, perZone);
                said = run.said();
                expect("zone after console delete", 0, ct.count(ConntrackFilter.zone(CONSOLE_OURS)));
                ours = Math.min(ours, t.seconds());
                inSession = Math.min(inSession, run.seconds());
                refill(ct, CONSOLE_OURS, perZone);
                Cli.Run c = cli.conntrack("-D", "-w", Integer.toString(CONSOLE_CLI));
                expect("conntrack -D -w", perZone, c.flowCount());
                cliDelete = Math.min(cliDelete, c.seconds());
                refill(ct, CONSOLE_CLI, perZone);
                long t0 = System.nanoTime();
                long gone = ct.deleteMatching(ConntrackFilter.builder().sharedZone(CONSOLE_OURS).build());
                inProcess = Math.min(inProcess, secondsSince(t0));
                expect("deleteMatching(sharedZone)", perZone, gone);
                refill(ct, CONSOLE_OURS, perZone);
            }
            table.add(new Row(CONSOLE_ROW + " '" + delete + "', client start subtracted",
                    perZone, ours - start, cliDelete, String.format("`conntrack -D -w %d`; bin/client -b %.3f s"
                            + " - client start %.3f s (the same batch without the delete); the command said '%s'",
                            CONSOLE_CLI, ours, start, said)));
            table.add(new Row("10 delete one zone through the console, timed inside the session: '" + delete + "'",
                    perZone, inSession, cliDelete, "the container's clock before and after the command, in the "
                            + "same bin/client -b batch (ms resolution)"));
            table.add(new Row("10 delete one zone in process: deleteMatching(sharedZone " + CONSOLE_OURS
                    + "), what the command calls", perZone, inProcess, cliDelete, "the same `conntrack -D -w "
                    + CONSOLE_CLI + "`; compare row 4's flush(zone), one kernel request"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("item 10: cannot start the distribution", e);
        }
    }

    /** One {@code CLOCK; conntrack:delete; CLOCK} batch: what the command said and the time between the clocks. */
    private record ConsoleRun(String said, double seconds) {
        /** Reads the batch's output, checking the command said it deleted {@code perZone} entries. */
        static ConsoleRun of(ConsoleKaraf.Timed t, int perZone) {
            List<String> lines = t.out().trim().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
            String said = lines.stream().filter(l -> DELETED.matcher(l).find()).findFirst().orElse("");
            java.util.regex.Matcher m = DELETED.matcher(said);
            expect("console delete said '" + String.join(" | ", lines) + "'", perZone,
                    m.find() ? Long.parseLong(m.group(1)) : -1);
            if (lines.size() != 3 || !lines.get(0).matches("\\d+") || !lines.get(2).matches("\\d+")) {
                throw new IllegalStateException("console batch printed " + lines + ", expected clock, summary, clock");
            }
            return new ConsoleRun(said, (Long.parseLong(lines.get(2)) - Long.parseLong(lines.get(0))) / 1e3);
        }
    }

    private static void refill(NetlinkConntrackService ct, int zone, int perZone) {
        expect("refill zone " + zone, perZone, ct.create(Fixture.zone(zone, perZone)).succeeded());
    }

    private static String eventsRow(int creators) {
        return "7 events, " + creators + " creating thread" + (creators == 1 ? "" : "s")
                + ": NEW+DESTROY received while subscribed";
    }

    /** The CLI cannot bulk-create; a few single inserts show its rate per entry. */
    private String cliInsertNote(Cli cli, int n) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < CLI_INSERTS; i++) {
            script.append("conntrack -I -p tcp -s 203.0.113.1 -d 203.0.113.2 --sport ").append(1024 + i)
                    .append(" --dport 80 --state ESTABLISHED -t 600 -w ").append(SCRATCH_ZONE)
                    .append(" 2>/dev/null || exit 1\n");
        }
        Cli.Run r = cli.shell(script.toString());
        Cli.Run f = cli.conntrack("-D", "-w", Integer.toString(SCRATCH_ZONE));
        expect("scratch inserts", CLI_INSERTS, f.flowCount());
        double perSecond = CLI_INSERTS / r.seconds();
        return String.format("the CLI has no bulk create: %d × `conntrack -I` ran at %,.0f/s (%,d would take ≈ %.0f s)",
                CLI_INSERTS, perSecond, n, n / perSecond);
    }

    private Row heapCheck(String netns, int n) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                HeapCheck.class.getName(), netns, Integer.toString(n));
        Cli.Run r;
        try {
            r = Cli.run(cmd, true);
        } catch (IllegalStateException e) {
            return new Row("8 memory: forEach(ALL) in a child JVM with -Xmx64m", n, null, null,
                    "FAIL: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String line = r.out().lines().filter(l -> l.startsWith(HeapCheck.PREFIX)).findFirst().orElse("");
        double seconds = Double.parseDouble(line.replaceAll(".*seconds=([0-9.]+).*", "$1"));
        return new Row("8 memory: forEach(ALL) in a child JVM with -Xmx64m", n, seconds, null,
                String.format("PASS (%s; child JVM wall time %.1f s)", line.substring(HeapCheck.PREFIX.length()),
                        r.seconds()));
    }

    private Report targets() {
        List<String> lines = new ArrayList<>();
        boolean[] all = {true};
        Row create = table.find("1 ");
        Row dump = table.find("2 full dump: forEach");
        Row raw = table.find("2 full dump: raw");
        // The kernel flushes a zone in one request: flush(zone). deleteMatching adds an exact count (a filtered
        // dump) because the kernel does not say how many a flush removed; its row is reported, not targeted.
        Row zone = table.find("4 delete one zone: flush");
        Row given = table.find("5 delete given entries: the delete");
        Row heap = table.find("8 ");
        List<Row> oneThread = table.rows().stream().filter(r -> r.operation().startsWith(eventsRow(1))).toList();
        if (!config.eventsOnly() && !config.expectationsOnly()) {
            target(lines, all, "bulk create ≥ 200,000 entries/s", create.entriesPerSecond(), 200_000, false,
                    "%,.0f/s");
            target(lines, all, "full dump ≤ 0.75 × `conntrack -L`", dump.ratio(), 0.75, true, "%.2f");
            target(lines, all, "full dump ≤ 1.25 × raw receive", dump.ours() / raw.ours(), 1.25, true, "%.2f");
            target(lines, all, "delete one zone (flush(zone)) ≤ 0.2 × `conntrack -D -w Z`", zone.ratio(), 0.2, true,
                    "%.3f");
            target(lines, all, "delete of given entries ≥ 100,000 entries/s", given.entriesPerSecond(), 100_000,
                    false, "%,.0f/s");
        }
        if (!config.expectationsOnly()) {
            target(lines, all, "event decoding ≥ 100,000 events/s (slowest one-thread run)", oneThread.stream()
                    .mapToDouble(Row::entriesPerSecond).min().orElse(0), 100_000, false, "%,.0f/s");
            long expectedEvents = 2L * config.eventEntries();
            target(lines, all, "no event lost in the one-thread burst, default configuration (most lost in a run)",
                    oneThread.stream().mapToLong(r -> expectedEvents - r.entries()).max().orElse(expectedEvents), 0,
                    true, "%,.0f");
        }
        Row console = table.find(CONSOLE_ROW);
        if (console != null) {
            target(lines, all, "delete one zone through the console (bin/client, client start subtracted) ≤ 0.12 ×"
                    + " `conntrack -D -w Z`", console.ratio(), 0.12, true, "%.3f");
        }
        Row expectations = table.find(EXPECTATIONS_ROW);
        if (expectations != null) {
            target(lines, all, "no expectation event lost in the burst, default configuration",
                    2L * config.expectations() - expectations.entries(), 0, true, "%,.0f");
        }
        if (heap != null) {
            boolean pass = heap.note().startsWith("PASS");
            all[0] &= pass;
            lines.add((pass ? "MET    " : "MISSED ") + "full dump with -Xmx64m succeeds: " + (pass ? "PASS" : "FAIL"));
        }
        out.println(config.entries() < Config.DEFAULT_ENTRIES
                ? "Targets (set for N = 1,000,000; at this N, with a cold JIT, they only show that the run works):"
                : "Targets:");
        lines.forEach(l -> out.println("  " + l));
        return new Report(table.rows(), lines, all[0]);
    }

    private static void target(List<String> lines, boolean[] all, String what, double value, double limit,
                               boolean atMost, String format) {
        boolean met = atMost ? value <= limit : value >= limit;
        all[0] &= met;
        lines.add((met ? "MET    " : "MISSED ") + what + ": " + String.format(format, value));
    }

    private RawDump.Outcome rawDump(String netns) {
        try {
            return RawDump.run(netns);
        } catch (Exception e) {
            throw new IllegalStateException("raw dump failed: " + e, e);
        }
    }

    private double best(DoubleSupplier run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < config.repeats(); i++) {
            best = Math.min(best, run.getAsDouble());
        }
        return best;
    }

    private static double timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return secondsSince(t0);
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void expect(String what, long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException(what + ": expected " + expected + " entries, got " + actual);
        }
    }

    private void progress(String step) {
        out.println("... " + step);
        out.flush();
    }
}
