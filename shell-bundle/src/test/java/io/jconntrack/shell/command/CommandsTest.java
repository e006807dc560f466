package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.Entries;
import io.jconntrack.shell.FakeConntrackService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.apache.karaf.shell.support.CommandException;
import static org.junit.Assert.assertThrows;

/** Runs the actions as the shell would after injection: fields set, {@code execute()} called, output captured. */
public class CommandsTest {
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeConntrackService fake;

    @Before
    public void setUp() {
        fake = new FakeConntrackService();
        fake.entries.addAll(List.of(Entries.tcpUnreplied(), Entries.tcpAssured(), Entries.udp(), Entries.icmp(),
                Entries.icmpv6(), Entries.tcp6()));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @After
    public void tearDown() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private <T extends ConntrackAction> T run(T action, Consumer<T> options) {
        action.service = fake;
        options.accept(action);
        try {
            assertEquals(null, action.execute());
        } catch (CommandException e) {
            throw new AssertionError("unexpected failure: " + e.getMessage(), e);
        }
        return action;
    }

    /** The action fails with exactly this message, and (for input errors) the service saw no call. */
    private <T extends ConntrackAction> void fails(T action, Consumer<T> options, String message) {
        action.service = fake;
        options.accept(action);
        CommandException e = assertThrows(CommandException.class, action::execute);
        assertEquals(message, e.getMessage());
    }

    private <T extends ConntrackAction> void refused(T action, Consumer<T> options, String message) {
        fails(action, options, message);
        assertEquals(List.of(), fake.calls);
        assertEquals("", out());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void zeroingCountersNeedsTheAdminRoleOfAConsoleUser() {
        javax.security.auth.Subject viewer = new javax.security.auth.Subject();
        viewer.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("viewer"));
        javax.security.auth.Subject.doAs(viewer, (java.security.PrivilegedAction<Void>) () -> {
            fails(new ListCommand(), c -> c.zero = true,
                    "--zero: zeroing counters is a change and needs the role admin");
            return null;
        });
        assertTrue("nothing zeroed: " + fake.calls, fake.calls.stream().noneMatch(c -> c.startsWith("forEachAndZero")));
        javax.security.auth.Subject admin = new javax.security.auth.Subject();
        admin.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        javax.security.auth.Subject.doAs(admin, (java.security.PrivilegedAction<Void>) () -> {
            run(new ListCommand(), c -> c.zero = true);
            return null;
        });
        assertTrue(fake.calls.toString(), fake.calls.stream().anyMatch(c -> c.startsWith("forEachAndZero")));
    }

    @Test
    public void listConntrackFormatStreamsSelectedEntries() {
        run(new ListCommand(), c -> {
            c.output = "conntrack";
            c.proto = "tcp";
            c.family = "ipv4";
        });
        assertEquals("tcp      6 294 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.1 dst=192.0.2.1 sport=2 dport=1 mark=7 zone=5 use=1\n"
                + "tcp      6 3594 ESTABLISHED src=192.0.2.4 dst=198.51.100.4 sport=1002 dport=22 "
                + "src=198.51.100.4 dst=192.0.2.4 sport=22 dport=1002 [ASSURED] mark=0 use=1\n", out());
        assertEquals("2 flow entries have been shown.\n", err());
        assertEquals(List.of("forEach " + ConntrackFilter.builder().protocol(io.jconntrack.api.Protocol.TCP)
                .family(io.jconntrack.api.AddressFamily.IPV4).build()), fake.calls);
    }

    @Test
    public void listJsonWithLimitAndNamespace() {
        run(new ListCommand(), c -> {
            c.output = "json";
            c.limit = "2";
            c.netns = "blue";
        });
        String[] lines = out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0], lines[0].startsWith("{\"family\":\"ipv4\",\"proto\":\"tcp\""));
        assertEquals("forEach " + ConntrackFilter.ALL + "@blue", fake.calls.get(0));
    }

    @Test
    public void listTableDefaultAndEmptyListIsNoFailure() {
        run(new ListCommand(), c -> c.zone = "5");
        String[] lines = out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0], lines[0].startsWith("PROTO"));
        assertTrue(lines[2], lines[2].contains("198.51.100.1"));
        err.reset();
        run(new ListCommand(), c -> c.zone = "999");
        assertEquals("0 flow entries have been shown.\n", err());
    }

    @Test
    public void listErrorsChangeNothing() {
        refused(new ListCommand(), c -> c.output = "xml", "--output: 'xml': xml output is not supported, use json");
        refused(new ListCommand(), c -> c.more = List.of("--timeout", "5"), "--timeout: Illegal option `--timeout' with this command");
    }

    @Test
    public void badZoneChangesNothing() {
        refused(new DeleteCommand(), c -> c.zone = "70000", "--zone: '70000' is not a number 0..65535");
        assertEquals(6, fake.entries.size());
    }

    @Test
    public void count() {
        run(new CountCommand(), c -> c.src = "192.0.2.0/24");
        assertEquals("4\n", out());
    }

    @Test
    public void deleteRefusesWithoutSelection() {
        refused(new DeleteCommand(), c -> { }, "no selection option given; add --all to delete every entry");
        assertEquals(6, fake.entries.size());
    }

    @Test
    public void deleteCountsInTheToolsWordsAndFailsOnNothing() {
        run(new DeleteCommand(), c -> {
            c.proto = "tcp";
            c.dryRun = true;
        });
        assertEquals("3 flow entries would be deleted.\n", out());
        assertEquals(6, fake.entries.size());
        out.reset();
        run(new DeleteCommand(), c -> c.proto = "tcp");
        assertEquals("3 flow entries have been deleted.\n", out());
        assertEquals(3, fake.entries.size());
        out.reset();
        fails(new DeleteCommand(), c -> c.proto = "tcp", "0 flow entries have been deleted.");
        run(new DeleteCommand(), c -> c.all = true);
        assertEquals("3 flow entries have been deleted.\n", out());
    }

    @Test
    public void getFoundAndMissing() {
        run(new GetCommand(), c -> {
            c.src = "192.0.2.7";
            c.dst = "198.51.100.7";
            c.proto = "icmp";
            c.icmpType = "8";
            c.icmpCode = "0";
            c.icmpId = "3333";
            c.output = "conntrack";
        });
        assertEquals("icmp     1 24 src=192.0.2.7 dst=198.51.100.7 type=8 code=0 id=3333 [UNREPLIED] "
                + "src=198.51.100.7 dst=192.0.2.7 type=0 code=0 id=3333 mark=0 use=1\n", out());
        fails(new GetCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
        }, "such conntrack doesn't exist: tcp src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 zone=0");
    }

    @Test
    public void createBuildsEntryWithInverseReplyAndRefusesAnExistingOne() {
        Consumer<CreateCommand> options = c -> {
            c.src = "2001:db8::1";
            c.dst = "2001:db8::2";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
            c.timeout = "300";
            c.zone = "7";
            c.mark = "0x2a";
            c.state = "ESTABLISHED";
            c.status = "ASSURED";
            c.netns = "red";
        };
        run(new CreateCommand(), options);
        assertEquals("1 flow entries have been created.\n", out());
        io.jconntrack.api.ConntrackEntry e = fake.entries.get(6);
        assertEquals(42, e.mark());
        assertEquals(2, e.reply().sourcePort());
        assertEquals(300, e.timeout());
        assertTrue(fake.calls.get(0), fake.calls.get(0).endsWith("@red"));
        fails(new CreateCommand(), options, "create failed: EEXIST (File exists) [entry tcp src=2001:db8:0:0:0:0:0:1 "
                + "dst=2001:db8:0:0:0:0:0:2 sport=1 dport=2]");
        out.reset();
        run(new AddCommand(), c -> {
            c.src = "2001:db8::1";
            c.dst = "2001:db8::2";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
            c.timeout = "300";
            c.zone = "7";
            c.state = "ESTABLISHED";
            c.netns = "red";
        });
        assertEquals("an existing entry is not a failure of add, and stays as it is, as conntrack -A",
                "0 flow entries have been added.\n", out());
    }

    @Test
    public void createErrorsChangeNothing() {
        refused(new CreateCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "udp";
            c.sport = "1";
            c.dport = "2";
            c.timeout = "30";
            c.state = "ESTABLISHED";
        }, "--state: unknown option `--state' for protocol udp");
        refused(new CreateCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
            c.state = "LISTEN";
        }, "--timeout: You need to supply the `--timeout' option for this command");
        refused(new CreateCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "2001:db8::1";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
            c.timeout = "30";
            c.state = "LISTEN";
        }, "--dst: '2001:db8::1': mismatched address family");
    }

    @Test
    public void updateChangesEverySelectedEntryAndFailsWhenNothingChanged() {
        run(new UpdateCommand(), c -> {
            c.proto = "tcp";
            c.mark = "9";
        });
        assertEquals("3 flow entries have been updated.\n", out());
        assertTrue(fake.entries.stream().filter(e -> e.protocol().equals(io.jconntrack.api.Protocol.TCP))
                .allMatch(e -> e.mark() == 9));
        fails(new UpdateCommand(), c -> {
            c.proto = "tcp";
            c.mark = "9";
        }, "0 flow entries have been updated.");
        fake.calls.clear();
        out.reset();
        refused(new UpdateCommand(), c -> c.zone = "1", "--zone: Illegal option `--zone' with this command");
    }

    @Test
    public void natOptionTakesTheWordAfterIt() {
        run(new ListCommand(), c -> {
            c.dstNat = true;
            c.more = List.of("3.3.3.3:80", "-p", "tcp");
        });
        assertTrue(fake.calls.get(0), fake.calls.get(0).contains("dst-nat=3.3.3.3:80"));
        assertTrue(fake.calls.get(0), fake.calls.get(0).contains("protocol=tcp"));
    }

    @Test
    public void restoreAppliesLinesAndReportsFailuresByLine() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("restore", ".txt");
        java.nio.file.Files.writeString(f, "# comment\n\n"
                + "-I -s 192.0.2.50 -d 198.51.100.50 -p tcp --sport 1 --dport 2 --state LISTEN -t 50\n"
                + "conntrack -I -s 192.0.2.50 -d 198.51.100.50 -p tcp --sport 1 --dport 2 --state LISTEN -t 50\n"
                + "-A -s 192.0.2.51 -d 198.51.100.51 -p udp --sport 1 --dport 2 -t 50\n"
                + "-D -w 999\n");
        fails(new RestoreCommand(), c -> c.file = f.toString(), "restore: 1 of 4 lines failed (first: line 4: "
                + "create failed: EEXIST File exists)");
        assertEquals(8, fake.entries.size());
        java.nio.file.Files.writeString(f, "-I -s 192.0.2.60 -d 198.51.100.60 -p tcp --sport 1 --dport 2 "
                + "--state LISTEN -t 50\n-L\n-X\n");
        fails(new RestoreCommand(), c -> c.file = f.toString(), "restore: nothing applied, 2 line(s) not "
                + "understood: line 2: Cannot use command `-L' with restore; line 3: unknown option `-X'");
        assertEquals(8, fake.entries.size());
        java.nio.file.Files.delete(f);
    }

    @Test
    public void flush() {
        run(new FlushCommand(), c -> c.zone = "5");
        assertEquals("Flushed zone 5\n", out());
        assertEquals(5, fake.entries.size());
        out.reset();
        run(new FlushCommand(), c -> c.netns = "blue");
        assertEquals("Flushed all entries in network namespace 'blue'\n", out());
        assertEquals(List.of("flush zone=5", "flush@blue"), fake.calls);
    }

    @Test
    public void flushReadsNumbersAndOptionsAsEveryTableCommand() {
        run(new FlushCommand(), c -> c.zone = "0x10");
        run(new FlushCommand(), c -> c.zone = "010");
        run(new FlushCommand(), c -> c.more = List.of("conntrack", "-w", "12"));
        run(new FlushCommand(), c -> c.more = List.of("conntrack", "-n", "blue"));
        assertEquals("as list and delete read them: 0x10 is 16, 010 is 8",
                List.of("flush zone=16", "flush zone=8", "flush zone=12", "flush@blue"), fake.calls);
        out.reset();
        run(new FlushCommand(), c -> c.more = List.of("expect", "-n", "blue"));
        assertEquals("Flushed all expectations in network namespace 'blue'\n", out());
        out.reset();
        run(new FlushCommand(), c -> { // conntrack:flush -n blue expect: Karaf's option, then the table word
            c.netns = "blue";
            c.more = List.of("expect");
        });
        assertEquals("Flushed all expectations in network namespace 'blue'\n", out());
    }

    @Test
    public void stats() {
        run(new StatsCommand(), c -> { });
        String[] lines = out().split("\n");
        assertEquals("entries: 6", lines[0]);
        assertEquals("maximum: 262144", lines[1]);
        assertTrue(lines[2], lines[2].contains("CPU") && lines[2].contains("CHAIN_TOO_LONG"));
        assertEquals(6, lines.length);
    }

    @Test
    public void statsOfTheExpectationTablePrintsTheToolsLines() {
        run(new StatsCommand(), c -> c.table = "exp");
        assertEquals("cpu=0   \texpect_new=3 expect_create=2 expect_delete=1 \n"
                + "cpu=1   \texpect_new=0 expect_create=0 expect_delete=0 \n", out());
        CommandException e = assertThrows(CommandException.class, () -> {
            StatsCommand c = new StatsCommand();
            c.service = fake;
            c.table = "dying";
            c.execute();
        });
        assertTrue(e.getMessage(), e.getMessage().contains("-S"));
    }

    @Test
    public void kernelErrorThrowsOneLine() {
        CountCommand c = new CountCommand();
        c.service = new FakeConntrackService() {
            @Override
            public long count(ConntrackFilter filter) {
                throw new ConntrackException("dump", 1, "EPERM", "Operation not permitted", null, null, null, null);
            }
        };
        CommandException e = assertThrows(CommandException.class, c::execute);
        assertEquals("dump failed: EPERM (Operation not permitted) - CAP_NET_ADMIN is required (run as root "
                + "or grant the capability)", e.getMessage());
    }

    @Test
    public void badNamespaceThrows() {
        fails(new ListCommand(), c -> c.netns = "..", "netns: '..' is not a namespace name");
    }

    /** Guards the contract that the service field is what the shell injects. */
    @Test
    public void serviceFieldIsAnnotated() throws Exception {
        assertTrue("@Reference on ConntrackAction.service", ConntrackAction.class.getDeclaredField("service")
                .isAnnotationPresent(org.apache.karaf.shell.api.action.lifecycle.Reference.class));
        assertEquals(ConntrackService.class, ConntrackAction.class.getDeclaredField("service").getType());
    }

    @Test
    public void zonesCountsEntriesPerZone() {
        run(new ZonesCommand(), c -> c.noFormat = true);
        java.util.Map<Integer, Long> expected = new java.util.TreeMap<>();
        fake.entries.forEach(e -> expected.merge(e.zone(), 1L, Long::sum));
        StringBuilder b = new StringBuilder();
        expected.forEach((z, n) -> b.append(z).append('\t').append(n).append('\n'));
        assertEquals(b.toString().replace("\t", ""), out().replaceAll("[ \t]+", ""));
        assertTrue("the fixture spans zones: " + expected, expected.size() >= 2);
    }
}
