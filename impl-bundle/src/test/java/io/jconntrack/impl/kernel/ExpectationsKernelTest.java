package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static io.jconntrack.testsupport.FtpHelperFixture.CLIENT;
import static io.jconntrack.testsupport.FtpHelperFixture.SERVER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackTable;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.FtpHelperFixture;
import io.jconntrack.testsupport.TestNamespace;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Expectations of a real helper: the kernel's FTP helper (an nftables {@code ct helper} rule) sees a {@code PORT}
 * command on a control connection in the test's namespace and creates an expectation. Checked with the
 * {@code conntrack} tool as the oracle: listed, counted, got, created, deleted, flushed, evented, counted per CPU.
 */
public class ExpectationsKernelTest {
    private static final int CLIENT_PORT = 40001;
    private static final int DATA_PORT = 50000;

    private TestNamespace ns;
    private FtpHelperFixture ftp;
    private NetlinkConntrackService root;
    private ConntrackService ct;
    private ExpectationService exp;

    @Before
    public void setUp() {
        ns = TestNamespace.create("jct-expect");
        ftp = FtpHelperFixture.in(ns);
        root = Conntrack.open();
        ct = root.inNamespace(ns.name());
        exp = ct.expectations();
    }

    @After
    public void tearDown() {
        if (ftp != null) {
            ftp.close();
        }
        if (root != null) {
            root.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static Tuple master() {
        return master(0);
    }

    /** The original tuple of the i-th control connection. */
    private static Tuple master(int i) {
        return Tuple.tcp(ip(CLIENT), ip(SERVER), CLIENT_PORT + i, 21);
    }

    /** Opens control connections; the helper makes one expectation for each, to DATA_PORT + i. */
    private void connect(int count) {
        ftp.openControlConnections(CLIENT_PORT, DATA_PORT, count);
    }

    private List<String> toolLines() {
        return ns.listLines("expect");
    }

    /** An expectation on the first control connection (replacing the helper's: the FTP helper keeps one). */
    private Expectation ours(int dataPort) {
        return Expectation.builder(master(), Tuple.tcp(ip(SERVER), ip(CLIENT), 0, dataPort))
                .mask(Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 0xFFFF)).timeout(200).build();
    }

    @Test
    public void theHelpersExpectationIsListedWithEveryFieldTheToolShows() {
        connect(1);
        List<Expectation> listed = exp.list(ExpectationFilter.ALL);
        assertEquals(listed.toString(), 1, listed.size());
        Expectation x = listed.get(0);
        assertEquals(Tuple.tcp(ip(SERVER), ip(CLIENT), 0, DATA_PORT), x.expected());
        assertEquals(Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 0xFFFF), x.mask());
        assertEquals(master(), x.master());
        assertEquals("ftp", x.helper());
        assertEquals(0, x.zone());
        assertNotEquals(0, x.id());
        assertTrue("timeout " + x.timeout(), x.timeout() > 250 && x.timeout() <= 300);
        List<String> tool = toolLines();
        assertEquals(1, tool.size());
        assertTrue(tool.get(0), tool.get(0).contains("src=" + SERVER + " dst=" + CLIENT + " sport=0 dport=" + DATA_PORT
                + " mask-src=255.255.255.255 mask-dst=255.255.255.255 sport=0 dport=65535 master-src=" + CLIENT
                + " master-dst=" + SERVER + " sport=" + CLIENT_PORT + " dport=21 class=0 helper=ftp"));
        assertEquals(1, exp.count(ExpectationFilter.ALL));
        assertEquals(ns.conntrack("-C", "expect").trim(), Long.toString(exp.count(ExpectationFilter.ALL)));
        assertEquals(1, exp.count(ExpectationFilter.builder().helper("ftp").protocol(Protocol.TCP)
                .expectedDestinationPort(DATA_PORT).masterDestinationPort(21).masterProtocol(Protocol.TCP).build()));
        assertEquals(0, exp.count(ExpectationFilter.builder().helper("sip").build()));
        assertEquals(0, exp.count(ExpectationFilter.builder().family(io.jconntrack.api.AddressFamily.IPV6).build()));
        assertEquals(x, exp.get(x.expected(), 0).orElseThrow());
        assertTrue(exp.get(Tuple.tcp(ip(SERVER), ip(CLIENT), 0, DATA_PORT + 7), 0).isEmpty());
    }

    @Test
    public void createdByUsIsSeenByTheToolAndDeletedByUsIsGoneForIt() {
        connect(2);
        Expectation x = ours(DATA_PORT + 10);
        exp.create(x);
        List<String> tool = toolLines();
        // The FTP helper keeps one expectation per master: ours replaced the helper's on the first connection.
        assertEquals(tool.toString(), 2, tool.size());
        assertEquals(tool.toString(), 1, tool.stream().filter(l -> l.contains("dport=" + (DATA_PORT + 10)
                + " mask-src") && l.contains("master-src=" + CLIENT + " master-dst=" + SERVER + " sport="
                + CLIENT_PORT + " ") && l.contains("helper=ftp")).count());
        assertEquals(tool.toString(), 0, tool.stream().filter(l -> l.contains("dport=" + DATA_PORT + " ")).count());
        Expectation created = exp.get(x.expected(), 0).orElseThrow();
        ConntrackException again = assertThrows(ConntrackException.class, () -> exp.create(x));
        assertEquals("EEXIST", again.errnoName());

        assertTrue(exp.delete(created));
        assertEquals(1, toolLines().size());
        assertFalse("already gone", exp.delete(created));
        assertTrue(exp.get(x.expected(), 0).isEmpty());
    }

    @Test
    public void aReusedTupleIsNotDeletedByTheIdOfTheOldOne() {
        connect(1);
        exp.create(ours(DATA_PORT + 10));
        Expectation old = exp.get(ours(DATA_PORT + 10).expected(), 0).orElseThrow();
        assertTrue(exp.delete(old));
        exp.create(ours(DATA_PORT + 10));
        assertFalse("the new one has another id", exp.delete(old));
        assertEquals(1, toolLines().size());
    }

    @Test
    public void manyAreDeletedPipelinedAndBySelection() {
        connect(5);
        assertEquals(5, toolLines().size());
        List<Expectation> some = new java.util.ArrayList<>();
        for (int port : new int[] {DATA_PORT + 1, DATA_PORT + 2}) {
            some.addAll(exp.list(ExpectationFilter.builder().protocol(Protocol.TCP).expectedDestinationPort(port)
                    .build()));
        }
        assertEquals(2, exp.delete(some).deleted());
        assertEquals(3, toolLines().size());
        assertEquals(1, exp.deleteMatching(ExpectationFilter.builder().protocol(Protocol.TCP)
                .expectedDestinationPort(DATA_PORT + 3).build()));
        assertEquals(2, toolLines().size());
        assertEquals(2, exp.deleteMatching(ExpectationFilter.builder().helper("ftp").build()));
        assertEquals(List.of(), toolLines());
    }

    @Test
    public void flushEmptiesTheTable() {
        connect(3);
        assertEquals(3, exp.count(ExpectationFilter.ALL));
        exp.flush();
        assertEquals(List.of(), toolLines());
        assertEquals(0, exp.count(ExpectationFilter.ALL));
    }

    @Test
    public void eventsOfNewAndDestroyedExpectations() throws Exception {
        LinkedBlockingQueue<ExpectationEvent> all = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<ExpectationEvent> ourPort = new LinkedBlockingQueue<>();
        // Subscribed before the master connection exists: with nf_conntrack_events=2 (the default) the kernel keeps
        // events only for connections created while someone listened.
        try (Subscription s = exp.subscribe(EnumSet.of(EventType.NEW, EventType.DESTROY), ExpectationFilter.ALL,
                (ExpectationListener) all::add);
             Subscription mine = exp.subscribe(EnumSet.of(EventType.NEW, EventType.DESTROY),
                     ExpectationFilter.builder().protocol(Protocol.TCP).expectedDestinationPort(DATA_PORT + 10)
                             .build(), (ExpectationListener) ourPort::add)) {
            connect(1);
            ExpectationEvent helpers = all.poll(5, TimeUnit.SECONDS);
            assertEquals(EventType.NEW, helpers.type());
            assertEquals(DATA_PORT, helpers.expectation().expected().destinationPort());
            assertEquals("made by the kernel's helper", 0, helpers.originPortId());

            exp.create(ours(DATA_PORT + 10));
            exp.flush();
            ExpectationEvent created = ourPort.poll(5, TimeUnit.SECONDS);
            ExpectationEvent destroyed = ourPort.poll(5, TimeUnit.SECONDS);
            assertEquals(EventType.NEW, created.type());
            assertEquals(DATA_PORT + 10, created.expectation().expected().destinationPort());
            assertTrue("caused by our request", created.originPortId() != 0);
            assertEquals(EventType.DESTROY, destroyed.type());
            assertEquals(created.expectation().id(), destroyed.expectation().id());
            assertEquals(null, ourPort.poll(300, TimeUnit.MILLISECONDS));
            assertEquals(2, mine.delivered());
            // On the loopback the helper sees the PORT packet twice (leaving and arriving) and replaces its own
            // expectation once; ours then replaced it (the FTP helper keeps one per master): its last event is
            // a DESTROY, and every event of the subscription without a filter is of these two expectations.
            List<ExpectationEvent> seen = new java.util.ArrayList<>(List.of(helpers));
            all.drainTo(seen);
            assertEquals(seen.toString(), s.delivered(), seen.size());
            List<ExpectationEvent> theHelpers = seen.stream()
                    .filter(e -> e.expectation().expected().destinationPort() == DATA_PORT).toList();
            assertEquals(seen.toString(), EventType.DESTROY, theHelpers.get(theHelpers.size() - 1).type());
            assertTrue(seen.toString(), theHelpers.stream().allMatch(e -> e.originPortId() == 0));
            assertEquals(seen.toString(), List.of(EventType.NEW, EventType.DESTROY), seen.stream()
                    .filter(e -> e.expectation().expected().destinationPort() == DATA_PORT + 10)
                    .map(ExpectationEvent::type).toList());
        }
    }

    @Test
    public void perCpuStatisticsCountTheHelpersExpectation() {
        connect(1);
        List<ExpectationStatistics> stats = exp.statistics();
        assertEquals(Runtime.getRuntime().availableProcessors(), stats.size());
        assertTrue(stats.toString(), stats.stream().mapToLong(ExpectationStatistics::inserted).sum() >= 1);
        String tool = ns.conntrack("-S", "expect");
        for (ExpectationStatistics c : stats) {
            assertTrue(tool, tool.contains("expect_create=" + c.inserted()));
        }
    }

    @Test
    public void aMasterCreatedWithAHelperTakesExpectationsWithoutTraffic() {
        Tuple master = Tuple.tcp(ip("198.51.100.1"), ip("198.51.100.2"), 1000, 21);
        ct.create(io.jconntrack.api.ConntrackEntry.builder(master).timeout(300)
                .tcpState(io.jconntrack.api.TcpState.ESTABLISHED).helper("ftp").build());
        List<String> entries = ns.listLines();
        assertEquals(entries.toString(), 1, entries.size());
        assertTrue(entries.get(0), entries.get(0).contains(" helper=ftp "));
        assertEquals("ftp", ct.get(master, 0).orElseThrow().helper());
        exp.create(Expectation.builder(master, Tuple.tcp(ip("198.51.100.2"), ip("198.51.100.1"), 0, 3000))
                .mask(Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 0xFFFF)).timeout(100).build());
        List<String> tool = toolLines();
        assertEquals(tool.toString(), 1, tool.size());
        assertTrue(tool.get(0), tool.get(0).contains("src=198.51.100.2 dst=198.51.100.1 sport=0 dport=3000 ")
                && tool.get(0).endsWith(" master-src=198.51.100.1 master-dst=198.51.100.2 sport=1000 dport=21 "
                + "class=0 helper=ftp"));
        ConntrackException unknown = assertThrows(ConntrackException.class, () -> ct.create(
                io.jconntrack.api.ConntrackEntry.builder(Tuple.tcp(ip("198.51.100.1"), ip("198.51.100.2"), 1001, 21))
                        .timeout(300).tcpState(io.jconntrack.api.TcpState.ESTABLISHED).helper("nosuchhelper")
                        .build()));
        assertEquals("EOPNOTSUPP", unknown.errnoName());
        assertEquals(1, ns.listLines().size());
    }

    @Test
    public void badInputNamesTheFieldAndChangesNothing() {
        connect(1);
        IllegalArgumentException noTimeout = assertThrows(IllegalArgumentException.class,
                () -> exp.create(ours(DATA_PORT + 1).toBuilder().timeout(Expectation.NO_TIMEOUT).build()));
        assertTrue(noTimeout.getMessage(), noTimeout.getMessage().startsWith("timeout:"));
        IllegalArgumentException helper = assertThrows(IllegalArgumentException.class,
                () -> Expectation.builder(master(), master()).helper("a name too long for a helper"));
        assertTrue(helper.getMessage(), helper.getMessage().startsWith("helper: 'a name too long for a helper'"));
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class,
                () -> Expectation.builder(master(), Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 0, 1)).build());
        assertTrue(family.getMessage(), family.getMessage().startsWith("master:"));
        assertEquals(1, toolLines().size());

        ConntrackException noMaster = assertThrows(ConntrackException.class, () -> exp.create(
                Expectation.builder(Tuple.tcp(ip(CLIENT), ip(SERVER), CLIENT_PORT + 1, 21),
                        Tuple.tcp(ip(SERVER), ip(CLIENT), 0, DATA_PORT + 1)).timeout(100).build()));
        assertEquals("ENOENT", noMaster.errnoName());
        ns.createTcp("198.51.100.1", "198.51.100.2", 1000, 2000, 0);
        ConntrackException noHelper = assertThrows(ConntrackException.class, () -> exp.create(
                Expectation.builder(Tuple.tcp(ip("198.51.100.1"), ip("198.51.100.2"), 1000, 2000),
                        Tuple.tcp(ip("198.51.100.2"), ip("198.51.100.1"), 0, 3000)).timeout(100).build()));
        assertEquals("EOPNOTSUPP", noHelper.errnoName());
        assertEquals(1, toolLines().size());
    }

    @Test
    public void theDyingAndUnconfirmedListsAreReadAsTheToolReadsThem() {
        connect(1);
        for (ConntrackTable t : List.of(ConntrackTable.DYING, ConntrackTable.UNCONFIRMED)) {
            List<String> seen = new java.util.ArrayList<>();
            long n = ct.forEach(t, ConntrackFilter.ALL, e -> seen.add(e.toString()));
            assertEquals(t + ": " + seen, ns.listLines(t.name().toLowerCase(java.util.Locale.ROOT)).size(), n);
        }
        assertEquals(1, ct.forEach(ConntrackTable.CONNTRACK, ConntrackFilter.ALL, e -> { }));
    }
}
