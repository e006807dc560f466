package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.Expectation;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.FakeConntrackService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.karaf.shell.support.CommandException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The expectation table through the console: the table word first, the tool's options, refusals naming them. */
public class ExpectationCommandsTest {
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeConntrackService fake;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final Expectation FTP = Expectation.builder(
            Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21), Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 0,
                    50000)).mask(Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 65535)).timeout(298)
            .helper("ftp").build();

    @Before
    public void setUp() {
        fake = new FakeConntrackService();
        fake.expectationTable.add(FTP);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @After
    public void tearDown() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private <T extends TableAction> void run(T action, List<String> words) {
        action.service = fake;
        action.more = words;
        try {
            assertEquals(null, action.execute());
        } catch (CommandException e) {
            throw new AssertionError("unexpected failure: " + e.getMessage(), e);
        }
    }

    private <T extends TableAction> String refused(T action, List<String> words) {
        action.service = fake;
        action.more = words;
        CommandException e = assertThrows(CommandException.class, action::execute);
        assertTrue(fake.calls.toString(), fake.calls.stream().noneMatch(c -> c.startsWith("expectations.create")
                || c.startsWith("expectations.delete") || c.startsWith("expectations.flush")));
        return e.getMessage();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void eventsExpectPrintLostEventsWhereTheyHappened() {
        Thread kernel = new Thread(() -> {
            while (fake.expectationListeners.isEmpty()) {
                Thread.onSpinWait();
            }
            io.jconntrack.api.ExpectationListener l = fake.expectationListeners.get(0);
            l.onEvent(new io.jconntrack.api.ExpectationEvent(io.jconntrack.api.EventType.NEW, FTP, 0));
            l.onOverflow(1);
            l.onEvent(new io.jconntrack.api.ExpectationEvent(io.jconntrack.api.EventType.DESTROY, FTP, 0));
        });
        kernel.setDaemon(true);
        kernel.start();
        EventsCommand c = new EventsCommand();
        c.count = "2";
        c.timeout = "10";
        run(c, List.of("expect"));
        String[] lines = out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0], lines[0].startsWith("    [NEW] "));
        assertTrue(lines[1], lines[1].startsWith("WARNING: expectation events were lost"));
        assertTrue(lines[2], lines[2].startsWith("[DESTROY] "));
        assertTrue("the subscription is closed at the end", fake.expectationListeners.isEmpty());
        assertEquals("2 expectation events have been shown.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void listExpectPrintsTheToolsLineAndSummary() {
        ListCommand l = new ListCommand();
        l.output = "conntrack";
        run(l, List.of("expect"));
        assertEquals("298 proto=6 src=192.0.2.1 dst=192.0.2.2 sport=0 dport=50000 mask-src=255.255.255.255 "
                + "mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=192.0.2.1 "
                + "sport=40001 dport=21 class=0 helper=ftp\n", out());
        assertEquals("1 expectations have been shown.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void theTableWordMayBeAbbreviatedAsInTheTool() {
        run(new CountCommand(), List.of("e"));
        assertEquals("1\n", out());
    }

    @Test
    public void listExpectTakesOnlyTheToolsOptions() {
        assertEquals("--protonum: Illegal option `--protonum' with this command",
                refused(new ListCommand(), List.of("expect", "-p", "tcp")));
        assertEquals("--family: `ipv5' unsupported protocol (ipv4 or ipv6)",
                refused(new ListCommand(), List.of("expect", "-f", "ipv5")));
        run(new ListCommand(), List.of("expect", "-f", "ipv6"));
        assertTrue(out(), out().contains("no expectations"));
    }

    @Test
    public void createExpectReadsMasterTupleAndMask() {
        fake.expectationTable.clear();
        run(new CreateCommand(), List.of("expect", "-s", "192.0.2.2", "-d", "192.0.2.1", "-p", "tcp", "--sport",
                "40001", "--dport", "21", "--tuple-src", "192.0.2.1", "--tuple-dst", "192.0.2.2",
                "--tuple-port-src", "0", "--tuple-port-dst", "50000", "--mask-src", "255.255.255.255", "--mask-dst",
                "255.255.255.255", "--mask-port-src", "0", "--mask-port-dst", "65535", "-t", "298"));
        assertEquals(List.of(FTP.toBuilder().helper(null).build()), fake.expectationTable);
        assertEquals("", out());
    }

    @Test
    public void createExpectRefusesMissingOrBadOptionsNamingThem() {
        assertEquals("--mask-src: You need to supply the `--mask-src' option for this command",
                refused(new CreateCommand(), List.of("expect", "-s", "192.0.2.2", "-d", "192.0.2.1", "-p", "tcp",
                        "--tuple-src", "192.0.2.1", "--tuple-dst", "192.0.2.2", "-t", "10")));
        String m = refused(new CreateCommand(), List.of("expect", "-s", "192.0.2.2", "-d", "192.0.2.1", "-p",
                "tcp", "--sport", "40001", "--dport", "21", "--tuple-src", "192.0.2.1", "--tuple-dst", "192.0.2.2",
                "--tuple-port-src", "0", "--tuple-port-dst", "70000", "--mask-src", "255.255.255.255",
                "--mask-dst", "255.255.255.255", "--mask-port-src", "0", "--mask-port-dst", "65535", "-t", "5"));
        assertTrue(m, m.startsWith("--tuple-port-dst"));
        assertEquals("--tuple-src: '2001:db8::1': mismatched address family",
                refused(new CreateCommand(), List.of("expect", "-s", "192.0.2.2", "-d", "192.0.2.1", "-p", "tcp",
                        "--sport", "40001", "--dport", "21", "--tuple-src", "2001:db8::1", "--tuple-dst",
                        "2001:db8::2", "--tuple-port-src", "0", "--tuple-port-dst", "5", "--mask-src",
                        "255.255.255.255", "--mask-dst", "255.255.255.255", "--mask-port-src", "0",
                        "--mask-port-dst", "65535", "-t", "5")));
        assertEquals("--mask-port-src: Illegal option `--mask-port-src' with this command",
                refused(new CreateCommand(), List.of("-s", "192.0.2.2", "-d", "192.0.2.1", "-p", "tcp",
                        "--sport", "1", "--dport", "2", "--state", "LISTEN", "-t", "5", "--mask-port-src", "0")));
        assertEquals(List.of(FTP), fake.expectationTable);
    }

    @Test
    public void deleteExpectByTheExpectedTuple() {
        run(new DeleteCommand(), List.of("expect", "-s", "192.0.2.1", "-d", "192.0.2.2", "-p", "tcp", "--sport",
                "0", "--dport", "50000"));
        assertEquals(List.of(), fake.expectationTable);
        fake.calls.clear();
        String m = refused(new DeleteCommand(), List.of("expect", "-s", "192.0.2.1", "-d", "192.0.2.2", "-p",
                "tcp", "--sport", "0", "--dport", "50000"));
        assertEquals("no expectation of tcp src=192.0.2.1 dst=192.0.2.2 sport=0 dport=50000", m);
    }

    @Test
    public void flushExpectEmptiesOnlyTheExpectations() throws CommandException {
        FlushCommand f = new FlushCommand();
        f.service = fake;
        f.more = List.of("expect");
        f.execute();
        assertEquals(List.of(), fake.expectationTable);
        assertEquals("Flushed all expectations\n", out());
        assertTrue(fake.calls.toString(), fake.calls.stream().noneMatch(c -> c.startsWith("flush")));
    }

    @Test
    public void dyingAndUnconfirmedAreListedAndOtherwiseRefusedAsByTheTool() {
        run(new ListCommand(), List.of("dying"));
        assertTrue(fake.calls.toString(), fake.calls.contains("forEach DYING " + io.jconntrack.api.ConntrackFilter.ALL));
        assertEquals("0 flow entries have been shown.\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("Can't do that command with tables `dying' and `unconfirmed'",
                refused(new CountCommand(), List.of("unconfirmed")));
        assertEquals("Can't do that command with tables `dying' and `unconfirmed'",
                refused(new DeleteCommand(), List.of("dying", "-p", "tcp")));
    }

    @Test
    public void anUnknownWordIsNotATable() {
        assertEquals("unexpected argument 'expected'", refused(new ListCommand(), List.of("expected")));
    }
}
