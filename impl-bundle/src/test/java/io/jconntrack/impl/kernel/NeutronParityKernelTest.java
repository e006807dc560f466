package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.util.Comparator;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Counterparts of Neutron's functional tests of its conntrack netlink library and of its firewall twin: a TCP, a
 * UDP and an ICMP echo entry with timeout 1234 in a fresh zone, listed by zone, deleted one by one and several at
 * once, the same in IPv6, and a whole-zone flush, inside a namespace of the test's own. The zone is a fixed free
 * zone of the fresh namespace: no search loop.
 */
public class NeutronParityKernelTest {
    private static final int ZONE = 4097; // first zone of Neutron's range
    private static final int OTHER_ZONE = 4098;

    private TestNamespace ns;
    private NetlinkConntrackService root;
    private ConntrackService ct;

    @Before
    public void setUp() {
        ns = TestNamespace.create("jct-neutron");
        root = Conntrack.open();
        ct = root.inNamespace(ns.name());
    }

    @After
    public void tearDown() {
        if (root != null) {
            root.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private List<ConntrackEntry> fixture(String a, String b, String c, String d, int zone) {
        List<ConntrackEntry> entries = List.of(
                ConntrackEntry.builder(Tuple.tcp(ip(a), ip(b), 1, 2)).timeout(1234).zone(zone)
                        .tcpState(TcpState.ESTABLISHED).build(),
                ConntrackEntry.builder(Tuple.udp(ip(c), ip(d), 1, 2)).timeout(1234).zone(zone).build(),
                ConntrackEntry.builder(Tuple.icmp(ip(a), ip(b), a.contains(":") ? 128 : 8, 0, 3333)).timeout(1234)
                        .zone(zone).build());
        assertTrue("the fixture is created", ct.create(entries).isComplete());
        return entries;
    }

    private List<Tuple> listedTuples(int zone) {
        return ct.list(ConntrackFilter.zone(zone)).stream().map(ConntrackEntry::original)
                .sorted(Comparator.comparing(Tuple::toString)).toList();
    }

    private static List<Tuple> tuples(List<ConntrackEntry> entries) {
        return entries.stream().map(ConntrackEntry::original).sorted(Comparator.comparing(Tuple::toString)).toList();
    }

    @Test
    public void listEntriesInAZone() {
        List<ConntrackEntry> v4 = fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", ZONE);
        fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", OTHER_ZONE);
        assertEquals(tuples(v4), listedTuples(ZONE));
        for (ConntrackEntry e : ct.list(ConntrackFilter.zone(ZONE))) {
            assertTrue("timeout " + e.timeout() + " of " + e, e.timeout() > 1200 && e.timeout() <= 1234);
        }
        assertEquals(3, ns.cliCount("-w", Integer.toString(ZONE)));
    }

    @Test
    public void deleteIcmpThenTcpThenUdpOneByOne() {
        fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", ZONE);
        for (Protocol p : List.of(Protocol.ICMP, Protocol.TCP, Protocol.UDP)) {
            ConntrackEntry e = ct.list(ConntrackFilter.builder().zone(ZONE).protocol(p).build()).get(0);
            int before = ns.cliCount("-w", Integer.toString(ZONE));
            assertTrue(p + " entry deleted", ct.delete(e));
            assertEquals(before - 1, ns.cliCount("-w", Integer.toString(ZONE)));
            assertEquals(0, ct.count(ConntrackFilter.builder().zone(ZONE).protocol(p).build()));
        }
        assertEquals(List.of(), listedTuples(ZONE));
    }

    @Test
    public void deleteMultipleEntriesAtOnce() {
        fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", ZONE);
        List<ConntrackEntry> keep = fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", OTHER_ZONE);
        DeleteResult r = ct.delete(ct.list(ConntrackFilter.zone(ZONE)));
        assertEquals(3, r.deleted());
        assertEquals(0, r.alreadyGone());
        assertTrue("no failure: " + r, r.isComplete());
        assertEquals(List.of(), listedTuples(ZONE));
        assertEquals(tuples(keep), listedTuples(OTHER_ZONE));
    }

    @Test
    public void ipv6EntriesListAndDelete() {
        List<ConntrackEntry> v6 = fixture("2001:db8::1", "2001:db8::2", "2001:db8::4", "2001:db8::5", ZONE);
        assertEquals(tuples(v6), listedTuples(ZONE));
        assertEquals(3, ns.cliCount("-f", "ipv6", "-w", Integer.toString(ZONE)));
        assertEquals(3, ct.delete(ct.list(ConntrackFilter.zone(ZONE))).deleted());
        assertEquals(0, ns.cliCount());
    }

    @Test
    public void flushAWholeZoneInANamespace() {
        fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", ZONE);
        fixture("2001:db8::1", "2001:db8::2", "2001:db8::4", "2001:db8::5", ZONE);
        List<ConntrackEntry> keep = fixture("192.0.2.1", "198.51.100.2", "192.0.2.4", "198.51.100.5", OTHER_ZONE);
        ct.flush(ZONE);
        assertEquals(0, ns.cliCount("-w", Integer.toString(ZONE)));
        assertEquals(tuples(keep), listedTuples(OTHER_ZONE));
    }
}
