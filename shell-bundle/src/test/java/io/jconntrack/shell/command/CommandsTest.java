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
        Object result = action.execute();
        assertEquals(null, result);
        return action;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneErrorLineAndNoCall(String expected) {
        assertEquals("Error: " + expected + "\n", err());
        assertEquals("", out());
        assertEquals(List.of(), fake.calls);
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
    public void listTableDefault() {
        run(new ListCommand(), c -> c.zone = "5");
        String[] lines = out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0], lines[0].startsWith("PROTO"));
        assertTrue(lines[2], lines[2].contains("198.51.100.1"));
    }

    @Test
    public void listErrors() {
        run(new ListCommand(), c -> c.output = "xml");
        assertOneErrorLineAndNoCall("--output: 'xml': xml output is not supported, use json");
    }

    @Test
    public void badZoneChangesNothing() {
        run(new DeleteCommand(), c -> c.zone = "70000");
        assertOneErrorLineAndNoCall("--zone: '70000' is not a number 0..65535");
        assertEquals(6, fake.entries.size());
    }

    @Test
    public void count() {
        run(new CountCommand(), c -> c.src = "192.0.2.0/24");
        assertEquals("4\n", out());
    }

    @Test
    public void deleteRefusesWithoutSelection() {
        run(new DeleteCommand(), c -> { });
        assertOneErrorLineAndNoCall("no selection option given; add --all to delete every entry");
        assertEquals(6, fake.entries.size());
    }

    @Test
    public void deleteDryRunAndReal() {
        run(new DeleteCommand(), c -> {
            c.proto = "tcp";
            c.dryRun = true;
        });
        assertEquals("3 entries would be deleted\n", out());
        assertEquals(6, fake.entries.size());
        out.reset();
        run(new DeleteCommand(), c -> c.proto = "tcp");
        assertEquals("3 entries deleted\n", out());
        assertEquals(3, fake.entries.size());
        out.reset();
        run(new DeleteCommand(), c -> c.all = true);
        assertEquals("3 entries deleted\n", out());
    }

    @Test
    public void getFoundAndMissing() {
        run(new GetCommand(), c -> {
            c.src = "192.0.2.7";
            c.dst = "198.51.100.7";
            c.proto = "icmp";
            c.icmpType = "8";
            c.icmpId = "3333";
            c.output = "conntrack";
        });
        assertEquals("icmp     1 24 src=192.0.2.7 dst=198.51.100.7 type=8 code=0 id=3333 [UNREPLIED] "
                + "src=198.51.100.7 dst=192.0.2.7 type=0 code=0 id=3333 mark=0 use=1\n", out());
        out.reset();
        run(new GetCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "tcp";
            c.sport = "1";
            c.dport = "2";
        });
        assertEquals("Error: no entry tcp src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 in zone 0\n", err());
    }

    @Test
    public void createBuildsEntryWithInverseReply() {
        run(new CreateCommand(), c -> {
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
        });
        assertEquals("Created tcp src=2001:db8::1 dst=2001:db8::2 sport=1 dport=2 zone=7 in network namespace 'red'\n",
                out());
        io.jconntrack.api.ConntrackEntry e = fake.entries.get(6);
        assertEquals(42, e.mark());
        assertEquals(2, e.reply().sourcePort());
        assertEquals(300, e.timeout());
    }

    @Test
    public void createErrorsChangeNothing() {
        run(new CreateCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "udp";
            c.sport = "1";
            c.dport = "2";
            c.timeout = "30";
            c.state = "ESTABLISHED";
        });
        assertOneErrorLineAndNoCall("--state: 'ESTABLISHED' is a TCP state; it does not apply to --proto udp");
        err.reset();
        run(new CreateCommand(), c -> {
            c.src = "192.0.2.1";
            c.dst = "198.51.100.1";
            c.proto = "icmp";
            c.icmpType = "3";
            c.timeout = "30";
        });
        assertOneErrorLineAndNoCall("--icmp-type: 3 has no reply type; give the reply tuple explicitly");
    }

    @Test
    public void update() {
        run(new UpdateCommand(), c -> {
            c.src = "192.0.2.5";
            c.dst = "198.51.100.5";
            c.proto = "udp";
            c.sport = "5353";
            c.dport = "53";
            c.mark = "9";
        });
        assertEquals("Updated udp src=192.0.2.5 dst=198.51.100.5 sport=5353 dport=53 zone=0\n", out());
        assertTrue(fake.calls.get(0), fake.calls.get(0).startsWith("update ConntrackUpdate["));
    }

    @Test
    public void updateWithoutChangeOrWithState() {
        Consumer<UpdateCommand> tuple = c -> {
            c.src = "192.0.2.5";
            c.dst = "198.51.100.5";
            c.proto = "udp";
            c.sport = "5353";
            c.dport = "53";
        };
        run(new UpdateCommand(), tuple);
        assertOneErrorLineAndNoCall("nothing to change; give -t/--timeout, -m/--mark, -u/--status or --state");
        err.reset();
        run(new UpdateCommand(), tuple.andThen(c -> c.state = "CLOSE"));
        assertOneErrorLineAndNoCall("--state: 'CLOSE' needs -p tcp, not udp");
        err.reset();
        run(new UpdateCommand(), tuple.andThen(c -> {
            c.proto = "tcp";
            c.state = "TIME_WAIT";
        }));
        assertEquals("", err());
        assertTrue(fake.calls.get(0), fake.calls.get(0).contains("tcpState=TIME_WAIT"));
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
    public void stats() {
        run(new StatsCommand(), c -> { });
        String[] lines = out().split("\n");
        assertEquals("entries: 6", lines[0]);
        assertEquals("maximum: 262144", lines[1]);
        assertTrue(lines[2], lines[2].contains("CPU") && lines[2].contains("CHAIN_TOO_LONG"));
        assertEquals(6, lines.length);
    }

    @Test
    public void kernelErrorIsOneLine() {
        run(new CountCommand(), c -> c.service = new FakeConntrackService() {
            @Override
            public long count(ConntrackFilter filter) {
                throw new ConntrackException("dump", 1, "EPERM", "Operation not permitted", null, null, null, null);
            }
        });
        assertEquals("Error: dump failed: EPERM (Operation not permitted) - CAP_NET_ADMIN is required (run as root "
                + "or grant the capability)\n", err());
    }

    @Test
    public void badNamespaceIsOneLine() {
        run(new ListCommand(), c -> c.netns = "..");
        assertOneErrorLineAndNoCall("netns: '..' is not a namespace name");
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
