package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code conntrack:list -o conntrack} against the real kernel, compared line for line with {@code conntrack -L} of
 * the same namespace. Everything happens in a namespace of its own; the initial namespace's table is not touched.
 * Only the timeout (third field) is normalised: it ticks between the two dumps.
 */
public class ConntrackFormatKernelTest {
    private static TestNamespace ns;
    private static NetlinkConntrackService service;

    /** Fixtures, as conntrack -I arguments; documentation addresses only. */
    private static final String[][] FIXTURES = {
        {"-p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1 --dport 2 --state ESTABLISHED -t 300 -w 5 -m 7"},
        {"-p tcp -s 192.0.2.2 -d 198.51.100.2 --sport 1000 --dport 80 --state SYN_SENT -t 120"},
        {"-p tcp -s 192.0.2.3 -d 198.51.100.3 --sport 1001 --dport 443 --state SYN_SENT -t 120 --status SEEN_REPLY"},
        {"-p tcp -s 192.0.2.4 -d 198.51.100.4 --sport 1002 --dport 22 --state ESTABLISHED -t 3600 "
            + "--status ASSURED,SEEN_REPLY"},
        {"-p tcp -s 192.0.2.11 -d 198.51.100.11 --sport 3 --dport 4 --state TIME_WAIT -t 100 -w 0 -m 0"},
        {"-p tcp -s 192.0.2.12 -d 198.51.100.12 --sport 5 --dport 6 --state FIN_WAIT -t 100 -m 0xff"},
        {"-p tcp -s 192.0.2.13 -d 198.51.100.13 --sport 7 --dport 8 --state SYN_SENT2 -t 100 -w 65535"},
        {"-p tcp -s 192.0.2.14 -d 198.51.100.14 --sport 9 --dport 10 --state CLOSE -t 100 -m 4294967295"},
        {"-p udp -s 192.0.2.5 -d 198.51.100.5 --sport 5353 --dport 53 -t 30"},
        {"-p udp -s 192.0.2.15 -d 198.51.100.15 --sport 1 --dport 2 -t 30 --status SEEN_REPLY -w 9"},
        {"-p icmp -s 192.0.2.7 -d 198.51.100.7 --icmp-type 8 --icmp-code 0 --icmp-id 3333 -t 30"},
        {"-p icmp -s 192.0.2.96 -d 198.51.100.96 --icmp-type 13 --icmp-code 0 --icmp-id 1 -t 30 -w 3"},
        {"-p icmpv6 -s 2001:db8::7 -d 2001:db8:1::7 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 4444 -t 30"},
        {"-p tcp -s 2001:db8::1 -d 2001:db8:1::1 --sport 40000 --dport 443 --state ESTABLISHED -t 300"},
        {"-p tcp -s 2001:db8:0:0:1:0:0:1 -d 2001:db8:a:b:c:d:e:f --sport 1 --dport 2 --state ESTABLISHED -t 300 "
            + "--status ASSURED,SEEN_REPLY -m 12 -w 12"},
        {"-p udp -s 2001:db8::5 -d 2001:db8::53 --sport 5353 --dport 53 -t 30"},
    };

    /** Created after net.netfilter.nf_conntrack_acct=1 in the test namespace: these carry counters. */
    private static final String[][] WITH_COUNTERS = {
        {"-p tcp -s 192.0.2.20 -d 198.51.100.20 --sport 20 --dport 21 --state ESTABLISHED -t 200 "
            + "--status ASSURED,SEEN_REPLY -m 42"},
        {"-p udp -s 192.0.2.21 -d 198.51.100.21 --sport 20 --dport 21 -t 200"},
    };

    @BeforeClass
    public static void createNamespace() throws Exception {
        ns = TestNamespace.create("jct-fmt");
        for (String[] f : FIXTURES) {
            conntrackInsert(f[0]);
        }
        ns.sysctl("net.netfilter.nf_conntrack_acct", "1");
        for (String[] f : WITH_COUNTERS) {
            conntrackInsert(f[0]);
        }
        service = Conntrack.open();
    }

    @AfterClass
    public static void removeNamespace() throws Exception {
        if (service != null) {
            service.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    public void listInConntrackFormatEqualsConntrackL() throws Exception {
        List<String> expected = normalise(ns.conntrack("-L"));
        List<String> actual = normalise(listCommand(null));
        assertEquals(FIXTURES.length + WITH_COUNTERS.length, expected.size());
        assertTrue("counters expected: " + expected, expected.stream().anyMatch(l -> l.contains(" packets=0 bytes=0 ")));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    public void selectionMatchesConntrackSelection() throws Exception {
        List<String> expected = normalise(ns.conntrack("-L", "-p", "tcp", "-w", "5"));
        assertEquals(1, expected.size());
        assertEquals(expected, normalise(listCommand(c -> {
            c.proto = "tcp";
            c.zone = "5";
        })));
    }

    private static String listCommand(java.util.function.Consumer<ListCommand> options) {
        ListCommand c = new ListCommand();
        c.service = service;
        c.netns = ns.name();
        c.output = "conntrack";
        if (options != null) {
            options.accept(c);
        }
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
        // stderr carries only the tool's summary line.
        org.junit.Assert.assertTrue(err.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).matches("\\d+ flow entries have been shown.\n"));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Lines sorted, the timeout (third whitespace-separated field) replaced; all other spacing kept as is. */
    static List<String> normalise(String text) {
        return Arrays.stream(text.split("\n"))
                .filter(l -> !l.isEmpty())
                .map(TestNamespace::withoutTimeout)
                .sorted()
                .collect(Collectors.toList());
    }

    private static void conntrackInsert(String args) {
        List<String> cmd = new ArrayList<>(List.of("-I"));
        cmd.addAll(Arrays.asList(args.split(" ")));
        ns.conntrack(cmd.toArray(new String[0]));
    }
}
