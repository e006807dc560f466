package io.jconntrack.shell.command;

import static org.junit.Assert.assertTrue;

import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.shell.options.ToolSyntax;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.support.CommandException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Runs each line of {@code tool-cases.txt} through the real {@code conntrack} tool in one namespace and through the
 * console commands (the same words, after the command letter) in a twin namespace, and compares the outcome
 * (success or failure), the entries listed by -L/-G and the whole table afterwards ({@code conntrack -L}, timeouts
 * normalised). Prints every disagreement and the agreement rate.
 */
public class ToolAgreementKernelTest {
    /** Below this share of agreeing lines the test fails; the disagreements are printed either way. */
    private static final double REQUIRED_AGREEMENT = 0.97;
    private static TestNamespace ours;
    private static TestNamespace tools;
    private static NetlinkConntrackService service;

    @BeforeClass
    public static void createNamespaces() {
        Preconditions.requireKernel();
        ours = TestNamespace.create("jct-agree-a");
        tools = TestNamespace.create("jct-agree-b");
        service = Conntrack.open();
    }

    @AfterClass
    public static void removeNamespaces() throws Exception {
        if (service != null) {
            service.close();
        }
        if (ours != null) {
            ours.close();
        }
        if (tools != null) {
            tools.close();
        }
    }

    @Test
    public void consoleAgreesWithTheTool() throws Exception {
        List<String> lines = cases();
        List<String> disagreements = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            total++;
            String verdict;
            if (line.equals("-R <<")) {
                List<String> block = new ArrayList<>();
                while (!lines.get(++i).strip().equals(">>")) {
                    block.add(lines.get(i));
                }
                verdict = restore(block);
                line = "-R " + block;
            } else {
                verdict = single(line);
            }
            String tableOurs = table(ours);
            String tableTool = table(tools);
            if (verdict == null && !tableOurs.equals(tableTool)) {
                verdict = "table differs:\n  ours: " + tableOurs + "\n  tool: " + tableTool;
            }
            if (verdict != null) {
                disagreements.add(line + "\n  " + verdict);
            }
        }
        double agreement = (total - disagreements.size()) / (double) total;
        System.out.printf("tool agreement: %d of %d lines (%.1f %%)%n", total - disagreements.size(), total,
                agreement * 100);
        disagreements.forEach(d -> System.out.println("DISAGREES: " + d));
        assertTrue(disagreements.size() + " disagreements", agreement >= REQUIRED_AGREEMENT);
    }

    /** Null when both agree, otherwise what differs. */
    private static String single(String line) {
        List<String> words = ToolSyntax.split(line);
        Processes.Result tool = tools.conntrackResult(words.toArray(new String[0]));
        char letter = words.get(0).charAt(1);
        List<String> rest = new ArrayList<>(words.subList(1, words.size()));
        boolean lists = letter == 'L' || letter == 'G';
        if (lists && !rest.contains("-o")) {
            rest.add("-o");
            rest.add("conntrack");
        }
        TableAction action = switch (letter) {
            case 'I' -> new CreateCommand();
            case 'A' -> new AddCommand();
            case 'D' -> new DeleteCommand();
            case 'U' -> new UpdateCommand();
            case 'G' -> new GetCommand();
            default -> new ListCommand();
        };
        action.service = service;
        action.netns = ours.name();
        action.more = rest;
        String[] out = new String[1];
        String failure = run(action, out);
        boolean toolOk = tool.exit() == 0;
        if (toolOk != (failure == null)) {
            return "outcome: tool " + (toolOk ? "OK" : "BAD " + tool.err().strip()) + ", ours "
                    + (failure == null ? "OK" : "BAD " + failure);
        }
        if (lists && toolOk && !normalised(tool.out()).equals(normalised(out[0]))) {
            return "listed:\n  ours: " + normalised(out[0]) + "\n  tool: " + normalised(tool.out());
        }
        return null;
    }

    private static String restore(List<String> block) throws IOException {
        Path f = Files.createTempFile("jct-restore", ".txt");
        try {
            Files.write(f, block, StandardCharsets.UTF_8);
            Processes.Result tool = tools.conntrackResult("-R", f.toString());
            RestoreCommand r = new RestoreCommand();
            r.service = service;
            r.netns = ours.name();
            r.file = f.toString();
            String failure = run(r, new String[1]);
            boolean toolOk = tool.exit() == 0;
            if (toolOk != (failure == null)) {
                return "outcome: tool " + (toolOk ? "OK" : "BAD " + tool.err().strip()) + ", ours "
                        + (failure == null ? "OK" : "BAD " + failure);
            }
            return null;
        } finally {
            Files.delete(f);
        }
    }

    /** Runs the action with stdout captured into {@code out[0]}; returns its failure message or null. */
    private static String run(ConntrackAction action, String[] out) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            action.execute();
            return null;
        } catch (CommandException e) {
            return e.getMessage();
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
            out[0] = buffer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String table(TestNamespace ns) {
        return normalised(ns.conntrackResult("-L").out());
    }

    private static String normalised(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(TestNamespace::withoutTimeout).sorted()
                .collect(Collectors.joining("\n"));
    }

    /** Another case file to measure against (e.g. a peer's test suite); the built-in one by default. */
    static final String CASES_PROPERTY = "jconntrack.toolCases";

    private static List<String> cases() throws IOException {
        String file = System.getProperty(CASES_PROPERTY);
        if (file != null) {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        }
        try (InputStream in = ToolAgreementKernelTest.class.getResourceAsStream("/tool-cases.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }
    }
}
