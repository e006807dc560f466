package io.jconntrack.consoletests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The console against the {@code conntrack} tool, line by line: every case file line runs as {@code conntrack ARGS}
 * in namespace A and, mapped by {@link ConsoleMapping}, as a {@code conntrack:*} command through {@code bin/client}
 * in its twin namespace B. A line agrees when both succeed or both fail, the two tables are the same afterwards
 * ({@code conntrack -L} of each, timeouts aside), and, for list, get, count and {@code |}-lines, both printed the same
 * entries. After a line that left the tables different, B is made a copy of A with the tool, so that one difference
 * is counted once, on its line, and not again on every line after it. The report lists every line; the test fails when the share of agreeing lines is below
 * {@code jconntrack.agreement.threshold} percent (set in the pom).
 */
public class ToolAgreementIT {
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);
    private static final int THREADS = 2;
    private static final Pattern MARK = Pattern.compile("\\bmark=(\\d+)");

    private static ConsoleKaraf karaf;

    /** How one judged line went. */
    record Verdict(String where, String args, Processes.Result tool, Processes.Result console, List<String> problems,
            String note) {
        boolean agrees() {
            return problems.isEmpty();
        }
    }

    @BeforeClass
    public static void setUp() {
        Preconditions.requireKernel();
        karaf = SharedKaraf.acquire();
    }

    @AfterClass
    public static void tearDown() {
        if (karaf != null) {
            karaf = null;
            SharedKaraf.release();
        }
    }

    @Test
    public void consoleAgreesWithTheTool() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        List<Path> files = caseFiles();
        assertFalse("no case files", files.isEmpty());
        long start = System.nanoTime();
        // Case files are independent (a pair of namespaces each): two at a time, as each bin/client call is mostly
        // waiting for its own JVM and the SSH round trips.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Verdict>>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> run(CaseFile.read(file))));
            }
            for (Future<List<Verdict>> r : results) {
                verdicts.addAll(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long agree = verdicts.stream().filter(Verdict::agrees).count();
        double percent = verdicts.isEmpty() ? 0 : 100.0 * agree / verdicts.size();
        StringBuilder report = new StringBuilder("\nconntrack tool (namespace A) vs bin/client (namespace B), "
                + files.size() + " case files:\n");
        for (Verdict v : verdicts) {
            report.append(v.agrees() ? "  agree    " : "  DIFFER   ").append(v.where()).append("  ").append(v.args());
            if (!v.note().isEmpty()) {
                report.append("  [").append(v.note()).append(']');
            }
            report.append('\n');
            for (String p : v.problems()) {
                report.append("             ").append(p.replace("\n", "\n             ")).append('\n');
            }
        }
        double threshold = Double.parseDouble(System.getProperty("jconntrack.agreement.threshold", "0"));
        report.append(String.format(Locale.ROOT, "Agreement: %d of %d lines (%.1f %%), threshold %.1f %%, %d s%n",
                agree, verdicts.size(), percent, threshold, (System.nanoTime() - start) / 1_000_000_000));
        System.out.println(report);
        Path out = Paths.get("target", "tool-agreement.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        assertTrue(String.format(Locale.ROOT, "agreement %.1f %% is below the threshold %.1f %% (report in %s)",
                percent, threshold, out.toAbsolutePath()), percent >= threshold);
    }

    /** One case file in a fresh pair of namespaces. */
    private static List<Verdict> run(CaseFile file) throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        Path stdinFile = Files.createTempFile("jct-restore-", ".txt");
        try (TestNamespace a = TestNamespace.create("jct-a"); TestNamespace b = TestNamespace.create("jct-b")) {
            StringBuilder stdinA = new StringBuilder();
            StringBuilder stdinB = new StringBuilder();
            for (CaseFile.Line line : file.lines()) {
                String where = line.where(file.name());
                if (line.kind() == CaseFile.Kind.STDIN) {
                    stdinA.append(line.args()).append('\n');
                    stdinB.append(line.args()).append('\n');
                    continue;
                }
                Optional<ConsoleMapping.ToolCommand> command = ConsoleMapping.parse(line.args());
                Optional<String> console = ConsoleMapping.console(line.args(), b.name(), stdinFile.toString());
                if (command.isEmpty() || console.isEmpty()) {
                    verdicts.add(new Verdict(where, line.args(), null, null,
                            List.of("no console command for this line"), ""));
                    continue;
                }
                boolean readsStdin = command.get().readsStandardInput();
                Files.writeString(stdinFile, stdinB.toString(), StandardCharsets.UTF_8);
                Processes.Result tool = tool(a, line.args(), readsStdin ? stdinA.toString() : null);
                Processes.Result con = karaf.client().withTimeout(LINE_TIMEOUT).command(console.get());
                if (readsStdin) {
                    stdinA.setLength(0);
                    stdinB.setLength(0);
                }
                List<String> problems = new ArrayList<>();
                boolean toolOk = tool.succeeded();
                boolean consoleOk = con.succeeded();
                if (toolOk != consoleOk) {
                    problems.add("outcome: tool " + status(tool) + ", console " + status(con) + " ("
                            + console.get() + ")\n  tool: " + oneLine(tool.err()) + "\n  console: "
                            + oneLine(con.out() + con.err()));
                }
                List<String> tableA = Listing.normalised(a.listLines());
                List<String> tableB = Listing.normalised(b.listLines());
                if (!tableA.equals(tableB)) {
                    problems.add("tables differ afterwards (B is then made a copy of A, so that the next lines are "
                            + "judged on their own)\n  A: " + String.join("\n     ", tableA) + "\n  B: "
                            + String.join("\n     ", tableB));
                    copyTable(a, b);
                }
                boolean compareOutput = (command.get().lists() || line.kind() == CaseFile.Kind.PIPE)
                        && toolOk && consoleOk;
                List<String> outA = ConsoleOutput.lines(tool.out());
                List<String> outB = ConsoleOutput.stdoutLines(con);
                if (compareOutput && !Listing.normalised(outA).equals(Listing.normalised(outB))) {
                    problems.add("output differs\n  tool:    " + String.join("\n           ", outA)
                            + "\n  console: " + String.join("\n           ", outB));
                }
                if (line.kind() == CaseFile.Kind.PIPE) {
                    Sed sed = Sed.parse(line.sed());
                    outA.forEach(l -> stdinA.append(sed.apply(l)).append('\n'));
                    outB.forEach(l -> stdinB.append(sed.apply(l)).append('\n'));
                }
                String note = line.expectOk().filter(ok -> ok != toolOk)
                        .map(ok -> "the tool disagrees with the case: " + (ok ? "OK" : "BAD") + " expected").orElse("");
                verdicts.add(new Verdict(where, line.args(), tool, con, List.copyOf(problems), note));
            }
        } finally {
            Files.deleteIfExists(stdinFile);
        }
        return verdicts;
    }

    /**
     * Makes B's table a copy of A's with the tool: flush, then A's {@code -o save} dump restored in B. The tool's save
     * lines leave out the mark: it is taken from the plain dump, made just before in the same (hash) order.
     */
    private static void copyTable(TestNamespace a, TestNamespace b) {
        b.conntrackResult("-F");
        List<String> plain = a.listLines();
        List<String> saved = ConsoleOutput.lines(a.conntrack("-L", "-o", "save"));
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < saved.size(); i++) {
            input.append(saved.get(i));
            Matcher mark = MARK.matcher(plain.size() == saved.size() ? plain.get(i) : "");
            if (mark.find() && !mark.group(1).equals("0")) {
                input.append(" -m ").append(mark.group(1));
            }
            input.append('\n');
        }
        if (input.length() > 0) {
            tool(b, "-R -", input.toString());
        }
    }

    private static Processes.Result tool(TestNamespace ns, String args, String stdin) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "conntrack"));
        cmd.addAll(ConsoleMapping.split(args));
        return Processes.run(cmd, null, stdin == null ? Processes.Input.NONE : Processes.Input.text(stdin),
                LINE_TIMEOUT);
    }

    private static String status(Processes.Result r) {
        return r.timedOut() ? "timed out" : r.exit() == 0 ? "succeeded" : "failed (exit " + r.exit() + ")";
    }

    private static String oneLine(String text) {
        return String.join(" | ", ConsoleOutput.lines(text));
    }

    private static List<Path> caseFiles() throws IOException, URISyntaxException {
        URL dir = ToolAgreementIT.class.getResource("/cases");
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(Paths.get(dir.toURI()))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }
}
