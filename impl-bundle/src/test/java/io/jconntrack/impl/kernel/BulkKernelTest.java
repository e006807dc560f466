package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Pipelined bulk work on 10,000 entries, through the kernel's filtered flush and through the fallback (filtered
 * dump and pipelined deletes) that older kernels get: both must delete exactly the selected entries.
 */
public class BulkKernelTest {
    private static final int N = 10_000;
    private static TestNamespace ns;
    private static NetlinkConntrackService kernelFiltering;
    private static NetlinkConntrackService javaFiltering;

    @BeforeClass
    public static void setUp() {
        ns = TestNamespace.create("jct-bulk");
        kernelFiltering = Conntrack.open(ConntrackOptions.defaults().withDefaultNamespace(ns.name()));
        javaFiltering = Conntrack.open(ConntrackOptions.defaults().withDefaultNamespace(ns.name())
                .withKernelFilters(false));
    }

    @AfterClass
    public static void tearDown() {
        // null when setUp skipped the class (no kernel) or failed part-way
        if (kernelFiltering != null) {
            kernelFiltering.close();
        }
        if (javaFiltering != null) {
            javaFiltering.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Before
    public void emptyTable() {
        kernelFiltering.flush();
    }

    /** N entries: zone 10 and 20 alternating, marks 0..3, TCP and UDP, one source per 250 entries. */
    private static List<ConntrackEntry> table() {
        List<ConntrackEntry> entries = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            InetAddress src = ip("192.0.2." + (1 + i / 250));
            InetAddress dst = ip("198.51.100.1");
            Tuple t = Tuple.of(i % 3 == 0 ? Protocol.UDP : Protocol.TCP, src, dst, 1024 + i, 80);
            entries.add(ConntrackEntry.builder(t).timeout(600).zone(i % 2 == 0 ? 10 : 20).mark(i % 4).build());
        }
        return entries;
    }

    private static void fill(ConntrackService ct) {
        BulkResult r = ct.create(table());
        assertEquals(N, r.succeeded());
        assertTrue("no failure: " + r, r.isComplete());
        assertEquals(N, ns.cliCount());
    }

    private static void deleteMatchingDeletesExactlyTheSelection(ConntrackService ct) {
        fill(ct);
        assertEquals(N / 2, ct.deleteMatching(ConntrackFilter.zone(10)));
        assertEquals(0, ns.cliCount("-w", "10"));
        assertEquals(N / 2, ns.cliCount("-w", "20"));

        ConntrackFilter markAndProto = ConntrackFilter.builder().mark(1).protocol(Protocol.TCP)
                .family(io.jconntrack.api.AddressFamily.IPV4).build();
        long expected = ct.count(markAndProto);
        assertTrue("the table has entries of mark 1 over TCP/IPv4", expected > 0);
        assertEquals(expected, ct.deleteMatching(markAndProto));
        assertEquals(0, ct.count(markAndProto));
        assertEquals(N / 2 - expected, ns.cliCount());

        ConntrackFilter bySubnet = ConntrackFilter.builder().source("192.0.2.0/30").build(); // .1 .. .3
        long subnet = ct.count(bySubnet);
        assertTrue("the table has entries from 192.0.2.0/30", subnet > 0);
        assertEquals(subnet, ct.deleteMatching(bySubnet));
        assertEquals(0, ns.cliCount("-s", "192.0.2.1"));
        assertEquals(N / 2 - expected - subnet, ns.cliCount());
    }

    @Test
    public void deleteMatchingWithKernelFlush() {
        deleteMatchingDeletesExactlyTheSelection(kernelFiltering);
    }

    @Test
    public void deleteMatchingWithDumpAndPipelinedDeletes() {
        deleteMatchingDeletesExactlyTheSelection(javaFiltering);
    }

    @Test
    public void listThenDeleteTenThousandGivenEntries() {
        fill(kernelFiltering);
        List<ConntrackEntry> listed = kernelFiltering.list(ConntrackFilter.ALL);
        assertEquals(N, listed.size());
        assertEquals(N, kernelFiltering.delete(listed).deleted());
        assertEquals(0, ns.cliCount());
    }

    @Test
    public void bulkUpdateChangesEveryMark() {
        fill(kernelFiltering);
        List<ConntrackUpdate> updates = new ArrayList<>();
        for (ConntrackEntry e : kernelFiltering.list(ConntrackFilter.zone(20))) {
            updates.add(ConntrackUpdate.of(e.original(), e.zone()).mark(77).build());
        }
        BulkResult r = kernelFiltering.update(updates);
        assertEquals(N / 2, r.succeeded());
        assertEquals(N / 2, ns.cliCount("-m", "77"));
    }

    @Test
    public void flushOfZoneZeroKeepsOtherZones() {
        fill(javaFiltering);
        javaFiltering.create(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.99"), ip("198.51.100.99"), 1, 2))
                .timeout(100).build());
        javaFiltering.flush(0);
        assertEquals(N, ns.cliCount());
        kernelFiltering.create(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.99"), ip("198.51.100.99"), 1, 2))
                .timeout(100).build());
        kernelFiltering.flush(0);
        assertEquals(N, ns.cliCount());
    }
}
