package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Bad input at every API entry point: each is refused with an {@link IllegalArgumentException} whose message starts
 * with the field's name and shows the value, and the table (as the CLI lists it) is unchanged afterwards.
 * Complements {@code ConntrackServiceKernelTest.invalidInputIsRejectedBeforeTheKernelAndChangesNothing}.
 */
public class BadInputKernelTest {
    private static TestNamespace ns;
    private static NetlinkConntrackService root;
    private static ConntrackService ct;
    private static final Tuple GOOD = Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2);

    @BeforeClass
    public static void setUp() {
        ns = TestNamespace.create("jct-badin");
        root = Conntrack.open();
        ct = root.inNamespace(ns.name());
        ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1", "--dport", "2",
                "--state", "ESTABLISHED", "-t", "300", "-w", "3", "-m", "9");
        ns.conntrack("-I", "-p", "udp", "-s", "2001:db8::1", "-d", "2001:db8::2", "--sport", "1", "--dport", "2",
                "-t", "300");
    }

    @AfterClass
    public static void tearDown() {
        if (root != null) {
            root.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    /** Runs r, which must be refused naming field and showing value, and checks that the table did not change. */
    private final List<String> problems = new ArrayList<>();

    /** Every case runs; the problems found are reported together. */
    @org.junit.After
    public void report() {
        assertEquals("bad input handled badly", List.of(), problems);
    }

    /** The CLI's lines without the remaining-timeout column, which counts down between two listings. */
    private static List<String> table() {
        List<String> out = new ArrayList<>();
        for (String l : ns.listLines()) {
            out.add(TestNamespace.withoutTimeout(l));
        }
        return out;
    }

    private void refused(String field, String value, Runnable r) {
        List<String> before = table();
        try {
            r.run();
            problems.add("accepted " + field + " = " + value);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith(field) || !e.getMessage().contains(value)) {
                problems.add(field + " = " + value + " gave: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            problems.add(field + " = " + value + " threw " + e);
        }
        if (!before.equals(table())) {
            problems.add("table changed after bad " + field);
        }
    }

    @Test
    public void zones() {
        refused("zone", "65536", () -> ct.flush(65536));
        refused("zone", "-1", () -> ct.flush(-1));
        refused("zone", "70000", () -> ct.get(GOOD, 70000));
        refused("zone", "65536", () -> ConntrackFilter.builder().zone(65536));
        refused("zone", "-5", () -> ConntrackEntry.builder(GOOD).zone(-5));
        refused("zone", "65536", () -> ConntrackUpdate.of(GOOD, 65536).mark(1).build());
    }

    @Test
    public void portsMarksTimeoutsAndIcmpFields() {
        refused("sourcePort", "-1", () -> Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), -1, 2));
        refused("destinationPort", "65536", () -> Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 65536));
        refused("destinationPort", "70000", () -> ConntrackFilter.builder().protocol(Protocol.TCP)
                .destinationPort(70000));
        refused("mark", "-1", () -> ct.update(ConntrackUpdate.of(GOOD, 3).mark(-1).build()));
        refused("mark", "4294967296", () -> ConntrackEntry.builder(GOOD).mark(1L << 32));
        refused("markMask", "-2", () -> ConntrackFilter.builder().mark(1, -2));
        refused("timeout", "4294967296", () -> ConntrackEntry.builder(GOOD).timeout(1L << 32));
        refused("timeout", "-1", () -> ConntrackUpdate.of(GOOD, 3).timeout(-1).build());
        refused("icmpType", "256", () -> Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 256, 0, 1));
        refused("icmpCode", "-1", () -> Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 8, -1, 1));
        refused("icmpId", "65536", () -> Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 8, 0, 65536));
        refused("labels", "128", () -> ConntrackEntry.builder(GOOD).labels(List.of(128)));
    }

    @Test
    public void familiesAddressesCidrsAndProtocols() {
        refused("destination", "2001:db8:0:0:0:0:0:1", () -> Tuple.tcp(ip("192.0.2.1"), ip("2001:db8::1"), 1, 2));
        refused("protocol", "2001:db8:0:0:0:0:0:1", () -> new Tuple(ip("2001:db8::1"), ip("2001:db8::2"), Protocol.ICMP,
                0, 0, 128, 0, 1));
        refused("source", "2001:db8:0:0:0:0:0:0/32", () -> ConntrackFilter.builder().family(AddressFamily.IPV4)
                .source("2001:db8::/32").build());
        refused("destination", "192.0.2.0/24", () -> ConntrackFilter.builder().source("2001:db8::/32")
                .destination("192.0.2.0/24").build());
        refused("source", "192.0.2.0/33", () -> ConntrackFilter.builder().source("192.0.2.0/33"));
        refused("source", "2001:db8::/129", () -> ConntrackFilter.builder().source("2001:db8::/129"));
        refused("source", "192.0.2.0/-1", () -> ConntrackFilter.builder().source("192.0.2.0/-1"));
        refused("source", "999.0.2.1", () -> ConntrackFilter.builder().source("999.0.2.1"));
        refused("source", "example.org", () -> ConntrackFilter.builder().source("example.org"));
        refused("destination", "192.0.2.1/", () -> ConntrackFilter.builder().destination("192.0.2.1/"));
        refused("source", "", () -> Cidr.parse("source", ""));
        refused("protocol", "tcpp", () -> Protocol.parse("tcpp"));
        refused("protocol", "256", () -> Protocol.of(256));
        refused("protocol", "-1", () -> Protocol.parse("-1"));
        refused("sourcePort", "icmp", () -> ConntrackFilter.builder().protocol(Protocol.ICMP).sourcePort(1)
                .build());
    }

    @Test
    public void emptyNullAndHugeInputs() {
        refused("entries", "required", () -> ct.create(Arrays.asList(ConntrackEntry.builder(GOOD).timeout(1).build(),
                null)));
        refused("entries", "required", () -> ct.delete(Collections.singletonList(null)));
        refused("updates", "required", () -> ct.update(Collections.singletonList((ConntrackUpdate) null)));
        refused("filter", "required", () -> ct.list(null));
        refused("filter", "required", () -> ct.deleteMatching(null));
        refused("netns", "required", () -> root.inNamespace(""));
        refused("netns", "a/b", () -> root.inNamespace("a/b"));
        refused("netns", "xxxx", () -> root.inNamespace("x".repeat(300)));
        // A huge batch with one bad element in the middle is refused whole, before anything is sent.
        List<ConntrackEntry> huge = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            huge.add(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.7"), ip("198.51.100.7"), 1 + i % 60000, 9))
                    .timeout(60).build());
        }
        huge.set(25_000, ConntrackEntry.builder(GOOD).build());
        refused("timeout", "required", () -> ct.create(huge));
        // Empty inputs are valid and change nothing.
        List<String> before = table();
        assertEquals(0, ct.create(List.of()).succeeded());
        assertEquals(0, ct.delete(List.of()).deleted());
        assertEquals(0, ct.update(List.of()).succeeded());
        assertEquals(before, table());
        assertEquals(Set.of(), Set.copyOf(ct.list(ConntrackFilter.zone(4))));
    }
}
