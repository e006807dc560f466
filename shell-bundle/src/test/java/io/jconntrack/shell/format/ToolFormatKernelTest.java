package io.jconntrack.shell.format;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The conntrack text and save lines of every entry kind, with every {@code -o} modifier, compared byte for byte with
 * what conntrack 1.4.7 prints for the same kernel table, and save lines restored by {@code conntrack -R} in twin
 * namespaces. Everything happens in namespaces of the test's own. Normalised: the timeout (it ticks between two
 * dumps) and {@code delta-time=} (the tool and we read the clock at different instants).
 */
public class ToolFormatKernelTest {
    /** Entries without accounting and timestamps, as {@code conntrack -I} arguments; every kind the tool prints. */
    private static final String[] FIXTURES = {
        "-p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1 --dport 2 --state ESTABLISHED -t 600 -w 10 -m 7 "
            + "-u SEEN_REPLY,ASSURED",
        "-p tcp -s 192.0.2.2 -d 198.51.100.2 --sport 1000 --dport 80 --state LISTEN -t 600 -w 10",
        "-p tcp -s 192.0.2.3 -d 198.51.100.3 --sport 1 --dport 2 --state TIME_WAIT -t 600 -w 65535 -m 4294967295",
        "-p udp -s 192.0.2.4 -d 198.51.100.4 --sport 1 --dport 2 -t 600 --orig-zone 7",
        "-p udp -s 192.0.2.5 -d 198.51.100.5 --sport 1 --dport 2 -t 600 --reply-zone 8 -u SEEN_REPLY",
        "-p 99 -s 192.0.2.6 -d 198.51.100.6 -t 600 -w 10",
        "-p 2 -s 0.0.0.0 -d 224.0.0.22 -t 600",
        "-p 200 -s 2001:db8::1.1.1.1 -d 2001:db8::2.2.2.2 -t 600",
        "-p tcp -s 192.0.2.7 -d 198.51.100.7 --sport 1 --dport 2 --state ESTABLISHED -t 600 --src-nat 203.0.113.7",
        "-p tcp -s 192.0.2.8 -d 198.51.100.8 --sport 1 --dport 2 --state ESTABLISHED -t 600 --src-nat 203.0.113.8:9",
        "-p udp -s 192.0.2.9 -d 198.51.100.9 --sport 1 --dport 2 -t 600 --dst-nat 203.0.113.9:8080 -w 10",
        "-p tcp -s 2001:db8::1 -d 2001:db8::2 --sport 1 --dport 2 --state ESTABLISHED -t 600 "
            + "--src-nat [2001:db8::9]:99",
        "-p udp -s 2001:db8::3 -d 2001:db8::4 --sport 1 --dport 2 -t 600 --dst-nat 2001:db8::5",
        "-p sctp -s 192.0.2.10 -d 198.51.100.10 --sport 1 --dport 2 --state ESTABLISHED --orig-vtag 17 "
            + "--reply-vtag 18 -t 600",
        "-p gre -s 192.0.2.11 -d 198.51.100.11 --srckey 0x11 --dstkey 0x22 -t 600",
        "-p icmp -s 192.0.2.12 -d 198.51.100.12 --icmp-type 8 --icmp-code 0 --icmp-id 33 -t 600 -w 10",
        "-p icmpv6 -s 2001:db8::6 -d 2001:db8::7 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 44 -t 600",
        "-p udplite -s 192.0.2.13 -d 198.51.100.13 --sport 1 --dport 2 -t 600",
        "-p udp -s 192.0.2.14 -d 198.51.100.14 --sport 1 --dport 2 -t 600 -u SEEN_REPLY,ASSURED -w 10",
        "-p tcp -r 198.51.100.15 -q 192.0.2.15 --reply-port-src 21 --reply-port-dst 11 --state SYN_SENT -t 600",
    };
    /**
     * A DCCP entry: this kernel (6.18) has no DCCP tracker and keeps it as a generic entry, which the tool prints
     * with {@code sport=0 dport=0} and saves without ports or state, a line its own {@code -R} refuses ("You need to
     * supply the `--state' option"): compared in the text, left out of the restore.
     */
    private static final String DCCP = "-p dccp -s 192.0.2.16 -d 198.51.100.16 --sport 1 --dport 2 --state OPEN "
            + "--role client -t 600";
    /** Created after nf_conntrack_acct=1 and nf_conntrack_timestamp=1: counters, delta-time and [start=...]. */
    private static final String[] ACCOUNTED = {
        "-p tcp -s 192.0.2.20 -d 198.51.100.20 --sport 20 --dport 21 --state ESTABLISHED -t 600 -u SEEN_REPLY "
            + "-w 3",
        "-p udp -s 192.0.2.21 -d 198.51.100.21 --sport 20 --dport 21 -t 600 -m 5 --orig-zone 4",
        "-p tcp -s 192.0.2.22 -d 198.51.100.22 --sport 20 --dport 21 --state ESTABLISHED -t 600 "
            + "--dst-nat 203.0.113.22",
    };
    /** Every modifier alone and combined as operators do; "" is no -o. */
    private static final String[] MODIFIERS = {
        "", "extended", "id", "timestamp", "ktimestamp", "labels", "userspace", "extended,id",
        "extended,ktimestamp,id", "id,labels,timestamp", "e,k", "save",
    };

    private static TestNamespace ns;
    private static NetlinkConntrackService root;
    private static ConntrackService service;

    @BeforeClass
    public static void createNamespace() {
        ns = TestNamespace.create("jct-fmt");
        for (String f : FIXTURES) {
            insert(ns, f);
        }
        insert(ns, DCCP);
        ns.sysctl("net.netfilter.nf_conntrack_acct", "1");
        ns.sysctl("net.netfilter.nf_conntrack_timestamp", "1");
        for (String f : ACCOUNTED) {
            insert(ns, f);
        }
        root = Conntrack.open();
        service = root.inNamespace(ns.name());
    }

    @AfterClass
    public static void removeNamespace() {
        if (root != null) {
            root.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    public void listWithEveryModifierEqualsConntrackL() {
        int entries = FIXTURES.length + 1 + ACCOUNTED.length;
        for (String m : MODIFIERS) {
            List<String> expected = normalise(m.isEmpty() ? ns.conntrack("-L") : ns.conntrack("-L", "-o", m));
            assertEquals("-o " + m, entries, expected.size());
            String ours = print(m.isEmpty() ? "conntrack" : m, PrintingCommand.LIST,
                    p -> service.forEach(ConntrackFilter.ALL, p));
            assertEquals("-o " + m, String.join("\n", expected), String.join("\n", normalise(ours)));
        }
    }

    @Test
    public void theFixturesCoverEveryKind() {
        String text = ns.conntrack("-L", "-o", "ktimestamp");
        for (String expected : new String[] {"zone-orig=7 ", "zone-reply=8 ", "zone=10 ", "unknown  99 ",
            "unknown  2 ", "dst=203.0.113.8 sport=2 dport=9 ", "src=203.0.113.9 ", "dst=2001:db8::9 ",
            "srckey=0x11 ", "type=129 code=0 id=44 ", "udplite  136 ", "sctp     132 ", "dccp     33 ",
            "packets=0 bytes=0 ", "delta-time=", "[start=", "[ASSURED] ", "SYN_SENT2 "}) {
            assertTrue("fixtures lack " + expected, text.contains(expected));
        }
    }

    @Test
    public void getPrintsAsConntrackG() {
        for (String m : new String[] {"extended,ktimestamp,id", "save"}) {
            // conntrack 1.4.7 refuses -w with -G: an entry of zone 0, with counters, timestamps and NAT.
            List<String> expected = normalise(ns.conntrack("-G", "-p", "tcp", "-s", "192.0.2.22", "-d",
                    "198.51.100.22", "--sport", "20", "--dport", "21", "-o", m));
            assertEquals(1, expected.size());
            String ours = print(m, PrintingCommand.GET, p -> service.get(
                    Tuple.tcp(ip("192.0.2.22"), ip("198.51.100.22"), 20, 21), 0).ifPresent(p));
            assertEquals("-G -o " + m, expected, normalise(ours));
        }
    }

    @Test
    public void deleteSavesAsConntrackD() {
        insert(ns, "-p udp -s 192.0.2.30 -d 198.51.100.30 --sport 1 --dport 2 -t 600 -w 30");
        insert(ns, "-p tcp -s 2001:db8::30 -d 2001:db8::31 --sport 1 --dport 2 --state ESTABLISHED -t 600 -w 30 "
                + "--src-nat [2001:db8::32]:5");
        String ours = print("save", PrintingCommand.DELETE, p -> service.forEach(ConntrackFilter.zone(30), p));
        List<String> expected = normalise(ns.conntrack("-D", "-w", "30", "-o", "save"));
        assertEquals(2, expected.size());
        assertTrue(expected.get(0), expected.get(0).startsWith("-D "));
        assertEquals(expected, normalise(ours));
    }

    /**
     * Our save lines equal the tool's and restore in a twin namespace exactly what the tool's own restore of its
     * save lines gives in another twin.
     */
    @Test
    public void saveRestoresAsTheToolsSave() {
        String ours = withoutUnrestorable(print("save", PrintingCommand.LIST,
                p -> service.forEach(ConntrackFilter.ALL, p)));
        String tools = withoutUnrestorable(ns.conntrack("-L", "-o", "save"));
        assertEquals(normalise(tools), normalise(ours));
        try (TestNamespace fromOurs = TestNamespace.create("jct-fmt-a");
                TestNamespace fromTools = TestNamespace.create("jct-fmt-b")) {
            restore(fromOurs, ours);
            restore(fromTools, tools);
            List<String> restored = normalise(fromOurs.conntrack("-L"));
            assertEquals(FIXTURES.length + ACCOUNTED.length, restored.size());
            assertEquals(normalise(fromTools.conntrack("-L")), restored);
        }
    }

    /** The issue's case: {@code list -o save} of one zone, edited to another zone, restored beside it. */
    @Test
    public void editedSaveOfAZoneRestoresItInAnother() {
        String zone10 = print("save", PrintingCommand.LIST, p -> service.forEach(ConntrackFilter.zone(10), p));
        restore(ns, zone10.replace("-w 10 ", "-w 11 "));
        try {
            List<String> copied = normalise(ns.conntrack("-L", "-w", "11"));
            List<String> original = normalise(ns.conntrack("-L", "-w", "10"));
            assertEquals(6, original.size());
            // The mark is not in save lines (nor in the tool's), and the copies count and time since they were made.
            assertEquals(original.stream().map(l -> withoutMarkCountersTime(l.replace("zone=10", "zone=11")))
                            .sorted().collect(Collectors.toList()),
                    copied.stream().map(ToolFormatKernelTest::withoutMarkCountersTime).sorted()
                            .collect(Collectors.toList()));
        } finally {
            ns.conntrack("-D", "-w", "11");
        }
    }

    private static String withoutMarkCountersTime(String line) {
        return line.replaceAll("mark=\\d+ ", "").replaceAll("packets=\\d+ bytes=\\d+ ", "")
                .replace("delta-time=D ", "");
    }

    private static String print(String output, PrintingCommand command, Consumer<Consumer<ConntrackEntry>> source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        EntryPrinter p = new EntryPrinter(OutputFormat.parse("-o", output), out, true, command);
        source.accept(p);
        p.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Lines sorted; the timeout, {@code -t N} and {@code delta-time=} replaced; all other bytes kept. */
    static List<String> normalise(String text) {
        return Arrays.stream(text.split("\n"))
                .filter(l -> !l.isEmpty())
                .map(l -> l.replaceFirst("^((?:ipv[46] +\\d+ )?\\S+ +\\d+ )\\d+ ", "$1T ")
                        .replaceFirst(" -t \\d+ ", " -t T ")
                        .replaceFirst("delta-time=\\d+ ", "delta-time=D "))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Save lines without the tracker-less DCCP entry, which the tool's -R refuses (see {@link #DCCP}). */
    private static String withoutUnrestorable(String save) {
        return Arrays.stream(save.split("\n")).filter(l -> !l.contains("-p dccp") || l.contains("--state"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static void restore(TestNamespace target, String lines) {
        Processes.Result r = Processes.run(List.of("ip", "netns", "exec", target.name(), "conntrack", "-R", "-"),
                null, Processes.Input.text(lines), Processes.DEFAULT_TIMEOUT);
        assertEquals("conntrack -R of\n" + lines + r.err(), 0, r.exit());
    }

    private static void insert(TestNamespace target, String args) {
        List<String> cmd = new ArrayList<>(List.of("-I"));
        cmd.addAll(Arrays.asList(args.split(" ")));
        target.conntrack(cmd.toArray(new String[0]));
    }
}
