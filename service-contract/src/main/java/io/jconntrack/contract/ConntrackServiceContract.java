package io.jconntrack.contract;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What every {@link ConntrackService} must do, against the real kernel, each test in a namespace of its own checked
 * with the {@code conntrack} tool: the local service (impl's kernel test) and a remote node's (itests) run the same
 * tests, so a bundle written against the interface works with either.
 */
public abstract class ConntrackServiceContract {
    protected TestNamespace ns;
    protected ConntrackService ct;

    /** The service under test in the process's own namespace; tests move it into theirs with inNamespace. */
    protected abstract ConntrackService root();

    @Before
    public void namespace() {
        ns = TestNamespace.create("jct-svc");
        ct = root().inNamespace(ns.name());
        assertEquals(0, ns.cliCount());
    }

    @After
    public void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    /** One tuple per family and protocol the issue lists. */
    protected static List<Tuple> tuples() {
        return List.of(
                Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1000, 80),
                Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1001, 53),
                Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 8, 0, 3333),
                Tuple.of(Protocol.SCTP, ip("192.0.2.1"), ip("198.51.100.1"), 1002, 5000),
                Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 1000, 80),
                Tuple.udp(ip("2001:db8::1"), ip("2001:db8::2"), 1001, 53),
                Tuple.icmp(ip("2001:db8::1"), ip("2001:db8::2"), 128, 0, 4444),
                Tuple.of(Protocol.SCTP, ip("2001:db8::1"), ip("2001:db8::2"), 1002, 5000));
    }

    protected static ConntrackEntry entry(Tuple t, int zone, long mark) {
        ConntrackEntry.Builder b = ConntrackEntry.builder(t).timeout(1234).zone(zone).mark(mark);
        if (t.protocol().equals(Protocol.TCP)) {
            b.tcpState(TcpState.ESTABLISHED);
        }
        if (t.protocol().equals(Protocol.SCTP)) {
            b.sctpState(SctpState.ESTABLISHED).sctpVtags(10, 11);
        }
        return b.build();
    }

    @Test
    public void createGetListCountUpdateDeleteForEachFamilyAndProtocol() {
        for (Tuple t : tuples()) {
            ct.create(entry(t, 7, 42));
            ConntrackEntry got = ct.get(t, 7).orElseThrow(() -> new AssertionError("not found: " + t));
            assertEquals(t, got.original());
            assertEquals(t.inverse(), got.reply());
            assertEquals(7, got.zone());
            assertEquals(42, got.mark());
            assertTrue("timeout " + got.timeout(), got.timeout() > 1200 && got.timeout() <= 1234);
            assertTrue("the kernel's id is read", got.id() != 0);
            if (t.protocol().equals(Protocol.TCP)) {
                assertEquals(TcpState.ESTABLISHED, got.tcpState());
            }
            assertEquals(Optional.empty(), ct.get(t, 8)); // zones separate

            ConntrackFilter byProto = ConntrackFilter.builder().family(t.family()).protocol(t.protocol()).build();
            assertEquals(List.of(got.original()), ct.list(byProto).stream().map(ConntrackEntry::original).toList());
            assertEquals(1, ct.count(byProto));

            ct.update(ConntrackUpdate.of(t, 7).mark(43).timeout(600).status(Set.of(StatusFlag.SEEN_REPLY)).build());
            ConntrackEntry updated = ct.get(t, 7).orElseThrow();
            assertEquals(43, updated.mark());
            assertTrue("SEEN_REPLY set by the update: " + updated.status(), updated.hasStatus(StatusFlag.SEEN_REPLY));
            if (t.protocol().equals(Protocol.TCP)) {
                ct.update(ConntrackUpdate.of(t, 7).tcpState(TcpState.TIME_WAIT).build());
                assertEquals(TcpState.TIME_WAIT, ct.get(t, 7).orElseThrow().tcpState());
                updated = ct.get(t, 7).orElseThrow();
            }
            assertTrue("timeout at most 600 after the update: " + updated.timeout(), updated.timeout() <= 600);

            assertTrue("the entry is deleted", ct.delete(updated));
            assertEquals(Optional.empty(), ct.get(t, 7));
            assertFalse("a second delete finds nothing, which is not an error", ct.delete(updated));
        }
        assertEquals(0, ns.cliCount());
    }

    @Test
    public void cliSeesWhatTheServiceCreated() {
        ct.create(entry(tuples().get(0), 12, 99));
        ct.create(entry(tuples().get(4), 13, 0));
        List<String> v4 = ns.listLines("-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--dport", "80",
                "-w", "12");
        assertEquals(1, v4.size());
        String line = v4.get(0);
        assertTrue(line, line.startsWith("tcp      6 "));
        assertTrue(line, line.contains(" ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1000 dport=80 "));
        assertTrue(line, line.contains(" mark=99 zone=12 "));
        assertEquals(1, ns.cliCount("-f", "ipv6", "-w", "13"));
    }

    @Test
    public void serviceReadsWhatTheCliCreated() {
        ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.4", "-d", "198.51.100.5", "--sport", "4000", "--dport", "53",
                "-t", "1234", "-w", "21", "-m", "5");
        ns.conntrack("-I", "-p", "icmpv6", "-s", "2001:db8::4", "-d", "2001:db8::5", "--icmpv6-type", "128",
                "--icmpv6-code", "0", "--icmpv6-id", "9", "-t", "1234");
        ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.6", "-d", "198.51.100.6", "--sport", "1", "--dport", "2",
                "--state", "TIME_WAIT", "-t", "1234", "-u", "SEEN_REPLY");
        List<ConntrackEntry> all = ct.list(ConntrackFilter.ALL);
        assertEquals(3, all.size());
        ConntrackEntry udp = ct.get(Tuple.udp(ip("192.0.2.4"), ip("198.51.100.5"), 4000, 53), 21).orElseThrow();
        assertEquals(5, udp.mark());
        ConntrackEntry icmp6 = ct.get(Tuple.icmp(ip("2001:db8::4"), ip("2001:db8::5"), 128, 0, 9), 0)
                .orElseThrow();
        assertEquals(129, icmp6.reply().icmpType());
        ConntrackEntry tcp = ct.get(Tuple.tcp(ip("192.0.2.6"), ip("198.51.100.6"), 1, 2), 0).orElseThrow();
        assertEquals(TcpState.TIME_WAIT, tcp.tcpState());
        assertTrue("SEEN_REPLY as the CLI set it: " + tcp.status(), tcp.hasStatus(StatusFlag.SEEN_REPLY));
    }

    @Test
    public void flushOfOneZoneLeavesOtherZones() {
        for (Tuple t : tuples()) {
            ct.create(entry(t, 100, 0));
            ct.create(entry(t, 200, 0));
            ct.create(entry(t, 0, 0));
        }
        ct.flush(100);
        assertEquals(0, ct.count(ConntrackFilter.zone(100)));
        assertEquals(8, ct.count(ConntrackFilter.zone(200)));
        assertEquals(8, ns.cliCount("-w", "200"));
        assertEquals(8, ct.count(ConntrackFilter.zone(0)));
        ct.flush(0);
        assertEquals("zone 0 flush must not touch zone 200", 8, ns.cliCount());
        assertEquals(8, ct.deleteMatching(ConntrackFilter.zone(200)));
        assertEquals(0, ns.cliCount());
    }

    @Test
    public void markFilterWithMask() {
        List<Tuple> ts = tuples();
        ct.create(entry(ts.get(0), 0, 0x0105));
        ct.create(entry(ts.get(1), 0, 0x0205));
        ct.create(entry(ts.get(2), 0, 0x0106));
        assertEquals(2, ct.count(ConntrackFilter.builder().mark(0x05, 0xFF).build()));
        assertEquals(1, ct.count(ConntrackFilter.builder().mark(0x0205).build()));
        assertEquals(2, ct.deleteMatching(ConntrackFilter.builder().mark(0x0100, 0xFF00).build()));
        List<ConntrackEntry> left = ct.list(ConntrackFilter.ALL);
        assertEquals(1, left.size());
        assertEquals(0x0205, left.get(0).mark());
    }

    @Test
    public void statisticsCountTheTable() {
        for (Tuple t : tuples()) {
            ct.create(entry(t, 0, 0));
        }
        ConntrackStatistics s = ct.statistics();
        assertEquals(8, s.entries());
        assertTrue("maxEntries " + s.maxEntries(), s.maxEntries() > 0);
        assertEquals(Runtime.getRuntime().availableProcessors(), s.perCpu().size());
        assertTrue("inserts counted per CPU: " + s.perCpu(),
                s.perCpu().stream().mapToLong(c -> c.insert()).sum() >= 8);
        assertEquals(8, ct.count(ConntrackFilter.ALL));
    }

    @Test
    public void duplicateCreateFailsWithEexistAndBulkReportsIt() {
        Tuple t = tuples().get(0);
        ct.create(entry(t, 0, 0));
        ConntrackException e = assertThrows("expected EEXIST", ConntrackException.class,
                () -> ct.create(entry(t, 0, 0)));
        assertEquals("EEXIST", e.errnoName());
        assertEquals("create", e.operation());
        assertEquals(t, e.tuple());
        assertEquals(ns.name(), e.namespace());
        assertTrue(e.getMessage(), e.getMessage().contains("EEXIST"));
        List<ConntrackEntry> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(entry(Tuple.tcp(ip("192.0.2.50"), ip("198.51.100.50"), 2000 + i, 80), 0, 0));
        }
        batch.add(2, entry(t, 0, 0)); // already there: fails in the middle
        BulkResult r = ct.create(batch);
        assertEquals(5, r.succeeded());
        assertEquals(1, r.failed());
        assertEquals("EEXIST", r.failures().get(0).errno());
        assertEquals(t, r.failures().get(0).tuple());
        assertEquals(6, ns.cliCount());

        // Only the last request of a batch asks for an acknowledgement: its failure must still end the batch
        // with the earlier requests counted as done.
        List<ConntrackEntry> lastFails = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lastFails.add(entry(Tuple.tcp(ip("192.0.2.51"), ip("198.51.100.51"), 3000 + i, 80), 0, 0));
        }
        lastFails.add(entry(t, 0, 0));
        BulkResult last = ct.create(lastFails);
        assertEquals(3, last.succeeded());
        assertEquals(1, last.failed());
        assertEquals(t, last.failures().get(0).tuple());
        assertEquals(9, ns.cliCount());
    }

    @Test
    public void deleteOfEntriesAlreadyGoneAndOfAReusedTuple() {
        Tuple a = tuples().get(0);
        Tuple b = tuples().get(1);
        ct.create(entry(a, 0, 0));
        ct.create(entry(b, 0, 0));
        List<ConntrackEntry> listed = ct.list(ConntrackFilter.ALL);
        // a expires meanwhile (deleted behind our back), b is replaced by a newer connection with the same tuple
        ns.conntrack("-D", "-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1000", "--dport", "80");
        ns.conntrack("-D", "-p", "udp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1001", "--dport", "53");
        // The kernel's id hashes the entry's address with its tuple: fill the freed slot first so the newer
        // connection gets another address, hence another id. Which slot the allocator hands out next depends on
        // the CPU that creates (per-CPU slab lists), so fill and create again until the id differs.
        long newId = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            List<ConntrackEntry> filler = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                filler.add(entry(Tuple.udp(ip("192.0.2.200"), ip("198.51.100.200"), 10000 + attempt * 200 + i, 9),
                        0, 0));
            }
            assertTrue("the filler entries are created", ct.create(filler).isComplete());
            ct.create(entry(b, 0, 0));
            long id = ct.get(b, 0).orElseThrow().id();
            if (listed.stream().noneMatch(e -> e.id() == id)) {
                newId = id;
                break;
            }
            ns.conntrack("-D", "-p", "udp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1001", "--dport",
                    "53");
        }
        assertTrue("the newer connection got a new id within 10 attempts", newId != 0);

        DeleteResult r = ct.delete(listed);
        assertEquals(0, r.deleted());
        assertEquals(2, r.alreadyGone());
        assertTrue("entries already gone are no failure: " + r, r.isComplete());
        assertTrue("the newer entry with the reused tuple survives", ct.get(b, 0).isPresent());
    }

    @Test
    public void invalidInputIsRejectedBeforeTheKernelAndChangesNothing() {
        ct.create(entry(tuples().get(0), 3, 0));
        List<String> before = ns.listLines();
        expectInvalid("zone", () -> ConntrackFilter.zone(70000));
        expectInvalid("zone", () -> ct.get(tuples().get(0), -1));
        expectInvalid("zone", () -> ct.flush(65536));
        expectInvalid("sourcePort", () -> Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 70000, 1));
        expectInvalid("icmpType", () -> Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 256, 0, 1));
        expectInvalid("destination", () -> Tuple.tcp(ip("192.0.2.1"), ip("2001:db8::1"), 1, 1));
        expectInvalid("protocol", () -> new Tuple(ip("2001:db8::1"), ip("2001:db8::2"), Protocol.ICMP, 0, 0, 8, 0, 1));
        expectInvalid("mark", () -> ConntrackFilter.builder().mark(1L << 32).build());
        expectInvalid("source", () -> ConntrackFilter.builder().source("192.0.2.0/33").build());
        expectInvalid("source", () -> ConntrackFilter.builder().source("not-an-address").build());
        expectInvalid("sourcePort", () -> ConntrackFilter.builder().sourcePort(80).build());
        expectInvalid("timeout", () -> ct.create(ConntrackEntry.builder(tuples().get(1)).build()));
        expectInvalid("protocol", () -> Protocol.parse("tcpp"));
        expectInvalid("netns", () -> ct.inNamespace("../etc"));
        expectInvalid("update", () -> ConntrackUpdate.of(tuples().get(0), 3).build());
        assertEquals(before, ns.listLines());
    }

    private static void expectInvalid(String field, Runnable r) {
        IllegalArgumentException e = assertThrows("expected IllegalArgumentException for " + field,
                IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage(), e.getMessage().startsWith(field));
    }

    @Test
    public void aMissingNamespaceGivesAClearError() {
        ConntrackException e = assertThrows(ConntrackException.class,
                () -> root().inNamespace("jct-no-such-namespace").count(ConntrackFilter.ALL));
        assertEquals("ENOENT", e.errnoName());
        assertEquals("jct-no-such-namespace", e.namespace());
        assertTrue(e.getMessage(), e.getMessage().contains("network namespace 'jct-no-such-namespace' does not exist"));
    }

    @Test
    public void filtersAgreeWithTheCli() {
        ct.create(entry(tuples().get(0), 1, 1));
        ct.create(entry(tuples().get(1), 1, 2));
        ct.create(entry(tuples().get(2), 2, 3));
        ct.create(entry(tuples().get(4), 2, 4));
        ct.create(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.77"), ip("198.51.100.1"), 5, 80)).timeout(100)
                .tcpState(TcpState.SYN_SENT).build());
        ct.create(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.78"), ip("198.51.100.9"), 6, 443)).timeout(100)
                .tcpState(TcpState.ESTABLISHED).status(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY).build());
        check(ConntrackFilter.builder().protocol(Protocol.TCP).build(), "-p", "tcp");
        check(ConntrackFilter.builder().family(AddressFamily.IPV6).build(), "-f", "ipv6");
        check(ConntrackFilter.builder().source("192.0.2.1").build(), "-s", "192.0.2.1");
        check(ConntrackFilter.builder().destination("198.51.100.1").build(), "-d", "198.51.100.1");
        check(ConntrackFilter.builder().source("2001:db8::1").build(), "-s", "2001:db8::1");
        check(ConntrackFilter.builder().destination("2001:db8::2").protocol(Protocol.TCP).destinationPort(80).build(),
                "-d", "2001:db8::2", "-p", "tcp", "--dport", "80");
        check(ConntrackFilter.builder().protocol(Protocol.TCP).destinationPort(80).build(),
                "-p", "tcp", "--dport", "80");
        check(ConntrackFilter.builder().protocol(Protocol.TCP).sourcePort(5).build(), "-p", "tcp", "--sport", "5");
        check(ConntrackFilter.zone(2), "-w", "2");
        check(ConntrackFilter.builder().mark(3).build(), "-m", "3");
        check(ConntrackFilter.builder().tcpState(TcpState.SYN_SENT).build(), "-p", "tcp", "--state", "SYN_SENT");
        check(ConntrackFilter.builder().status(StatusFlag.ASSURED).build(), "-u", "ASSURED");
        assertEquals(5, ct.count(ConntrackFilter.builder().source("192.0.2.0/24").build()));
        assertEquals(1, ct.count(ConntrackFilter.builder().source("2001:db8::/32").build()));
    }

    private void check(ConntrackFilter f, String... cli) {
        int expected = ns.cliCount(cli);
        assertTrue("fixture too small for " + f, expected > 0);
        assertEquals(f.toString(), expected, ct.count(f));
        assertEquals(f.toString(), expected, ct.list(f).size());
    }

    @Test
    public void countersAndTimestampsWhenTheNamespaceHasThemOn() {
        ns.sysctl("net.netfilter.nf_conntrack_acct", "1");
        ns.sysctl("net.netfilter.nf_conntrack_timestamp", "1");
        try {
            ct.create(entry(tuples().get(0), 0, 0));
            ConntrackEntry e = ct.get(tuples().get(0), 0).orElseThrow();
            assertNotNull(e.originalCounters());
            assertNotNull(e.replyCounters());
            assertNotNull(e.start());
        } finally {
            ns.sysctl("net.netfilter.nf_conntrack_acct", "0");
            ns.sysctl("net.netfilter.nf_conntrack_timestamp", "0");
        }
    }

    @Test
    public void flushEmptiesBothFamilies() {
        for (Tuple t : tuples()) {
            ct.create(entry(t, 5, 0));
        }
        assertEquals(8, ns.cliCount());
        ct.flush();
        assertEquals(0, ns.cliCount());
        assertNotEquals(-1, ct.count(ConntrackFilter.ALL));
    }

    @Test
    public void updateOfAMissingEntryIsENOENT() {
        ConntrackException e = assertThrows("expected ENOENT", ConntrackException.class,
                () -> ct.update(ConntrackUpdate.of(tuples().get(0), 0).mark(1).build()));
        assertEquals("ENOENT", e.errnoName());
        assertEquals(Set.of(), Set.copyOf(ns.listLines()));
    }

    @Test
    public void aZoneOfOneDirectionIsTheEntrysZone() {
        ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.30", "-d", "198.51.100.30", "--sport", "1", "--dport", "2",
                "-t", "300", "--orig-zone", "44");
        ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.31", "-d", "198.51.100.31", "--sport", "1", "--dport", "2",
                "-t", "300", "--reply-zone", "45");
        assertEquals(1, ct.count(ConntrackFilter.zone(44)));
        assertEquals(1, ct.count(ConntrackFilter.zone(45)));
        ConntrackEntry e = ct.list(ConntrackFilter.zone(44)).get(0);
        assertEquals("192.0.2.30", e.original().source().getHostAddress());
        assertTrue("deleted by its tuple and zone", ct.delete(e));
        ct.flush(45);
        assertEquals(0, ns.cliCount());
    }
}
