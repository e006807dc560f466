package io.jconntrack.shell.command;

import static io.jconntrack.testsupport.FtpHelperFixture.CLIENT;
import static io.jconntrack.testsupport.FtpHelperFixture.SERVER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.FtpHelperFixture;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The expectation table through the console against the real kernel's FTP helper, compared with the
 * {@code conntrack} tool in the same namespace: {@code list expect} byte for byte (the timeout, which ticks between
 * the two dumps, normalised), {@code count expect}, create, delete and flush seen by the tool, events in the tool's
 * format, entries with a helper, and the dying and unconfirmed lists.
 */
public class ExpectationAgreementKernelTest {
    private static final int CLIENT_PORT = 41000;
    private static final int DATA_PORT = 51000;

    private TestNamespace ns;
    private FtpHelperFixture ftp;
    private NetlinkConntrackService service;

    @Before
    public void setUp() {
        ns = TestNamespace.create("jct-expsh");
        ftp = FtpHelperFixture.in(ns);
        service = Conntrack.open();
    }

    @After
    public void tearDown() {
        if (ftp != null) {
            ftp.close();
        }
        if (service != null) {
            service.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Output and error of a console command run on the real service in the test's namespace. */
    private record Run(String out, String err) {
    }

    private <T extends ConntrackAction> Run console(T c, java.util.function.Consumer<T> options) {
        c.service = service;
        c.netns = ns.name();
        options.accept(c);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            c.execute();
        } catch (org.apache.karaf.shell.support.CommandException e) {
            throw new AssertionError(e.getMessage(), e);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Lines sorted, an expectation's leading timeout replaced by T. */
    private static List<String> normalise(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty())
                .map(l -> l.replaceFirst("^(\\s*(\\[\\w+\\] )?)\\d+ proto=", "$1T proto=")).sorted()
                .collect(Collectors.toList());
    }

    /** The tool's stderr summary without its program prefix. */
    private static String toolSummary(Processes.Result r) {
        return r.err().replace("conntrack v1.4.7 (conntrack-tools): ", "");
    }

    @Test
    public void listExpectIsTheToolsOutputByteForByte() {
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, 3);
        // Flags print between zone and class: an expectation of ours with two of them replaces the helper's on
        // the second control connection.
        service.inNamespace(ns.name()).expectations().create(Expectation.builder(
                Tuple.tcp(ip(CLIENT), ip(SERVER), CLIENT_PORT + 1, 21), Tuple.tcp(ip(SERVER), ip(CLIENT), 0, 52000))
                .flags(ExpectationFlag.PERMANENT, ExpectationFlag.INACTIVE).timeout(500).build());
        Processes.Result tool = ns.conntrackResult("-L", "expect");
        Run ours = console(new ListCommand(), c -> {
            c.output = "conntrack";
            c.more = List.of("expect");
        });
        List<String> expected = normalise(tool.out());
        assertEquals(tool.out(), 3, expected.size());
        assertTrue(tool.out(), tool.out().contains(" PERMANENT,INACTIVE class=0 helper=ftp\n"));
        assertEquals(String.join("\n", expected), String.join("\n", normalise(ours.out())));
        assertEquals(toolSummary(tool), ours.err());

        Run count = console(new CountCommand(), c -> c.more = List.of("expect"));
        assertEquals(ns.conntrack("-C", "expect"), count.out());

        Run ipv6 = console(new ListCommand(), c -> {
            c.output = "conntrack";
            c.more = List.of("expect", "-f", "ipv6");
        });
        assertEquals(ns.conntrack("-L", "expect", "-f", "ipv6"), ipv6.out());
    }

    @Test
    public void entriesWithAHelperPrintItWhereTheToolDoes() {
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, 1);
        Processes.Result tool = ns.conntrackResult("-L");
        Run ours = console(new ListCommand(), c -> c.output = "conntrack");
        assertTrue(tool.out(), tool.out().contains(" helper=ftp "));
        assertEquals(ConntrackFormatKernelTest.normalise(tool.out()), ConntrackFormatKernelTest.normalise(ours.out()));
    }

    @Test
    public void createdDeletedAndFlushedThroughTheConsoleAsTheToolSeesIt() {
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, 2);
        console(new CreateCommand(), c -> c.more = List.of("expect", "-s", CLIENT, "-d", SERVER, "-p", "tcp",
                "--sport", Integer.toString(CLIENT_PORT), "--dport", "21", "--tuple-src", SERVER, "--tuple-dst",
                CLIENT, "--tuple-port-src", "0", "--tuple-port-dst", "53000", "--mask-src", "255.255.255.255",
                "--mask-dst", "255.255.255.255", "--mask-port-src", "0", "--mask-port-dst", "65535", "-t", "200"));
        List<String> lines = ns.listLines("expect");
        assertEquals(lines.toString(), 2, lines.size());
        assertEquals(lines.toString(), 1, lines.stream().filter(l -> l.matches("\\d+ proto=6 src=" + SERVER + " dst="
                + CLIENT + " sport=0 dport=53000 mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 "
                + "dport=65535 master-src=" + CLIENT + " master-dst=" + SERVER + " sport=" + CLIENT_PORT
                + " dport=21 class=0 helper=ftp")).count());

        console(new DeleteCommand(), c -> c.more = List.of("expect", "-s", SERVER, "-d", CLIENT, "-p", "tcp",
                "--sport", "0", "--dport", "53000"));
        lines = ns.listLines("expect");
        assertEquals(lines.toString(), 1, lines.size());
        assertTrue(lines.get(0), lines.get(0).contains(" dport=" + (DATA_PORT + 1) + " mask-src="));

        Run flushed = console(new FlushCommand(), c -> c.more = java.util.List.of("expect"));
        assertEquals("Flushed all expectations in network namespace '" + ns.name() + "'\n", flushed.out());
        assertEquals(List.of(), ns.listLines("expect"));
        assertEquals("the master connections stay", 2, ns.listLines().size());
    }

    @Test
    public void eventsExpectPrintTheToolsLines() throws Exception {
        // Listening before the master exists: with nf_conntrack_events=2 the kernel keeps events only for
        // connections created while someone listened.
        CompletableFuture<Run> events = CompletableFuture.supplyAsync(() -> console(new EventsCommand(), c -> {
            c.count = "1";
            c.timeout = "20";
            c.more = List.of("expect");
        }));
        TimeUnit.MILLISECONDS.sleep(1500);
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, 1);
        Run run = events.get(30, TimeUnit.SECONDS);
        List<String> tool = ns.listLines("expect");
        assertEquals(List.of("    [NEW] " + normalise(String.join("\n", tool)).get(0)), normalise(run.out()));
        assertEquals("1 expectation events have been shown.\n", run.err());
    }

    @Test
    public void dyingAndUnconfirmedListAsTheTool() {
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, 1);
        for (String table : List.of("dying", "unconfirmed")) {
            Processes.Result tool = ns.conntrackResult("-L", table);
            Run ours = console(new ListCommand(), c -> {
                c.output = "conntrack";
                c.more = List.of(table);
            });
            assertEquals(table, tool.out(), ours.out());
            assertEquals(table, toolSummary(tool), ours.err());
        }
    }
}
