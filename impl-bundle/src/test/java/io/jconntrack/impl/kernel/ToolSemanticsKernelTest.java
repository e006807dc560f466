package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/**
 * Reply-direction, NAT and per-direction-zone semantics agree with the {@code conntrack} tool on the same table:
 * what the tool creates we read, what we create the tool reads, and each selection picks the entries the tool's
 * selection picks.
 */
public class ToolSemanticsKernelTest {

    /** The original source and source port of each entry the tool lists with these options. */
    private static Set<String> toolSelects(TestNamespace ns, String... options) {
        Set<String> out = new TreeSet<>();
        Processes.Result r = ns.conntrackResult(concat(new String[] {"-L"}, options));
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.trim().split("\\s+");
                String src = null;
                String sport = "";
                for (String field : f) {
                    if (src == null && field.startsWith("src=")) {
                        src = field.substring(4);
                    } else if (sport.isEmpty() && field.startsWith("sport=")) {
                        sport = field.substring(6);
                    }
                }
                out.add(src + ":" + sport);
            }
        }
        return out;
    }

    private static Set<String> weSelect(ConntrackService ct, ConntrackFilter f) {
        Set<String> out = new TreeSet<>();
        ct.forEach(f, e -> out.add(e.original().source().getHostAddress() + ":"
                + (e.protocol().hasPorts() ? Integer.toString(e.original().sourcePort()) : "")));
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(new String[0]);
    }

    @Test
    public void selectionsAgreeWithTheTool() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-tool-sel");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1", "--dport", "80",
                    "--state", "ESTABLISHED", "-t", "100");
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.2", "-d", "198.51.100.1", "--sport", "2", "--dport", "80",
                    "--state", "ESTABLISHED", "-t", "100", "--src-nat", "203.0.113.5");
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.3", "-d", "198.51.100.2", "--sport", "3", "--dport", "53",
                    "-t", "100", "--dst-nat", "203.0.113.7:5353");
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.4", "-d", "198.51.100.1", "--sport", "4", "--dport", "80",
                    "--state", "ESTABLISHED", "-t", "100", "--orig-zone", "5");
            ns.conntrack("-I", "-p", "tcp", "-r", "198.51.100.9", "-q", "192.0.2.9", "--reply-port-src", "90",
                    "--reply-port-dst", "9", "--state", "ESTABLISHED", "-t", "100");
            // Both tuples given and not each other's inverse, without NAT: the tool does not call it NAT.
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.10", "-d", "198.51.100.10", "--sport", "10", "--dport",
                    "80", "-r", "10.0.0.10", "-q", "203.0.113.10", "--reply-port-src", "8080", "--reply-port-dst",
                    "1010", "--state", "ESTABLISHED", "-t", "100");
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.11", "-d", "198.51.100.11", "--sport", "11", "--dport",
                    "53", "-t", "100", "--reply-zone", "6");
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.12", "-d", "198.51.100.12", "--sport", "12", "--dport",
                    "53", "-t", "100", "-w", "5");
            Object[][] cases = {
                {new String[] {"--src-nat"}, ConntrackFilter.builder().sourceNat(NatTarget.ANY).build()},
                {new String[] {"--src-nat", "203.0.113.5"},
                    ConntrackFilter.builder().sourceNat(NatTarget.parse("n", "203.0.113.5")).build()},
                {new String[] {"--src-nat", "203.0.113.6"},
                    ConntrackFilter.builder().sourceNat(NatTarget.parse("n", "203.0.113.6")).build()},
                {new String[] {"--dst-nat"}, ConntrackFilter.builder().destinationNat(NatTarget.ANY).build()},
                {new String[] {"--dst-nat", "203.0.113.7:5353"},
                    ConntrackFilter.builder().destinationNat(NatTarget.parse("g", "203.0.113.7:5353")).build()},
                {new String[] {"--dst-nat", "203.0.113.7:1"},
                    ConntrackFilter.builder().destinationNat(NatTarget.parse("g", "203.0.113.7:1")).build()},
                {new String[] {"--any-nat"}, ConntrackFilter.builder().anyNat(NatTarget.ANY).build()},
                {new String[] {"-r", "198.51.100.1"}, ConntrackFilter.builder().replySource("198.51.100.1").build()},
                {new String[] {"-q", "203.0.113.5"},
                    ConntrackFilter.builder().replyDestination("203.0.113.5").build()},
                {new String[] {"-p", "udp", "--reply-port-src", "5353"}, ConntrackFilter.builder()
                    .protocol(Protocol.UDP).replySourcePort(5353).build()},
                {new String[] {"-p", "tcp", "--reply-port-dst", "9"}, ConntrackFilter.builder()
                    .protocol(Protocol.TCP).replyDestinationPort(9).build()},
                {new String[] {"--orig-zone", "5"}, ConntrackFilter.builder().originalZone(5).build()},
                {new String[] {"--orig-zone", "0"}, ConntrackFilter.builder().originalZone(0).build()},
                {new String[] {"--reply-zone", "0"}, ConntrackFilter.builder().replyZone(0).build()},
                {new String[] {"--reply-zone", "6"}, ConntrackFilter.builder().replyZone(6).build()},
                {new String[] {"-w", "5"}, ConntrackFilter.builder().sharedZone(5).build()},
                {new String[] {"-w", "0"}, ConntrackFilter.builder().sharedZone(0).build()},
                {new String[] {"-w", "6"}, ConntrackFilter.builder().sharedZone(6).build()},
                {new String[] {"-s", "192.0.2.10", "-r", "10.0.0.10"},
                    ConntrackFilter.builder().source("192.0.2.10").replySource("10.0.0.10").build()},
            };
            for (Object[] c : cases) {
                String[] options = (String[]) c[0];
                ConntrackFilter f = (ConntrackFilter) c[1];
                assertEquals(String.join(" ", options), toolSelects(ns, options), weSelect(ct, f));
            }
        }
    }

    @Test
    public void deleteByTheToolsZoneDeletesWhatTheToolWouldWithOrWithoutEntriesZonedOneWay() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-tool-delw");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            for (int i = 1; i <= 5; i++) {
                ns.conntrack("-I", "-p", "udp", "-s", "192.0.2." + i, "-d", "198.51.100.1", "--sport", "1",
                        "--dport", "53", "-t", "100", "-w", "7");
            }
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.9", "-d", "198.51.100.1", "--sport", "9", "--dport", "80",
                    "--state", "ESTABLISHED", "-t", "100", "-w", "7");
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.20", "-d", "198.51.100.1", "--sport", "1", "--dport",
                    "53", "-t", "100", "-w", "8");
            // Without an entry zoned one way in zone 7. (A protocol without a family is no kernel tuple filter,
            // so this goes entry by entry; the test below takes the one-flush path.)
            assertEquals(5, ct.deleteMatching(ConntrackFilter.builder().sharedZone(7).protocol(Protocol.UDP).build()));
            assertEquals("the TCP entry of zone 7 and zone 8 stay", List.of("192.0.2.20", "192.0.2.9"),
                    sources(ns.listLines()));
            // With one: the kernel's zone would take it too, the tool's -w does not; entry by entry instead.
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.30", "-d", "198.51.100.1", "--sport", "1", "--dport",
                    "53", "-t", "100", "--orig-zone", "7");
            assertEquals(1, ct.deleteMatching(ConntrackFilter.builder().sharedZone(7).build()));
            assertEquals(List.of("192.0.2.20", "192.0.2.30"), sources(ns.listLines()));
            assertEquals(0, ct.deleteMatching(ConntrackFilter.builder().sharedZone(7).build()));
        }
    }

    /**
     * The check before a shared-zone flush dumps the flush's own selection (here zone and mark, which the kernel
     * flushes by) and reads only each entry's zone: an entry zoned one way that the rest of the selection leaves out
     * does not stop the flush, one it takes does; either way what goes and the count are the tool's
     * ({@code conntrack -L} with the same options, before).
     */
    @Test
    public void deleteByTheToolsZoneChecksOnlyWhatTheFlushWouldTake() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-tool-delws");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            for (int i = 1; i <= 4; i++) {
                ns.conntrack("-I", "-p", "udp", "-s", "192.0.2." + i, "-d", "198.51.100.1", "--sport", "1",
                        "--dport", "53", "-t", "100", "-w", "7");
            }
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.9", "-d", "198.51.100.1", "--sport", "9", "--dport", "80",
                    "--state", "ESTABLISHED", "-t", "100", "-w", "7");
            ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.30", "-d", "198.51.100.1", "--sport", "1", "--dport",
                    "80", "--state", "ESTABLISHED", "-t", "100", "-m", "1", "--reply-zone", "7");
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.40", "-d", "198.51.100.1", "--sport", "1", "--dport",
                    "53", "-t", "100", "-m", "2", "--orig-zone", "7");
            // Mark 0 in zone 7: the kernel's selection leaves both entries zoned one way out (marks 1 and 2), so
            // the five entries of the shared zone go with one flush.
            ConntrackFilter unmarked = ConntrackFilter.builder().sharedZone(7).mark(0).build();
            assertEquals(5, toolSelects(ns, "-w", "7", "-m", "0").size());
            assertEquals(toolSelects(ns, "-w", "7", "-m", "0"), weSelect(ct, unmarked));
            assertEquals(5, ct.deleteMatching(unmarked));
            assertEquals(List.of("192.0.2.30", "192.0.2.40"), sources(ns.listLines()));
            // Mark 1 in zone 7: the kernel's selection takes the reply-zoned entry too, the tool's -w does not;
            // entry by entry, the one of the shared zone goes.
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.50", "-d", "198.51.100.1", "--sport", "1", "--dport",
                    "53", "-t", "100", "-m", "1", "-w", "7");
            assertEquals(Set.of("192.0.2.50:1"), toolSelects(ns, "-w", "7", "-m", "1"));
            assertEquals(1, ct.deleteMatching(ConntrackFilter.builder().sharedZone(7).mark(1).build()));
            assertEquals(List.of("192.0.2.30", "192.0.2.40"), sources(ns.listLines()));
            assertEquals(0, ct.deleteMatching(ConntrackFilter.builder().sharedZone(7).build()));
        }
    }

    private static List<String> sources(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("src=(\\S+)").matcher(l);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    @Test
    public void whatWeCreateTheToolReads() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-tool-create");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ct.create(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 80))
                    .tcpState(TcpState.ESTABLISHED).timeout(100).sourceNat(NatTarget.parse("n", "203.0.113.5:4000"))
                    .build());
            ct.create(ConntrackEntry.fromReply(Tuple.udp(ip("198.51.100.2"), ip("192.0.2.2"), 53, 2)).timeout(100)
                    .build());
            ct.create(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.3"), ip("198.51.100.3"), 3, 53))
                    .zone(7, ZoneDirection.ORIGINAL).timeout(100).build());
            String all = String.join("\n", ns.listLines());
            assertTrue(all, all.contains("src=192.0.2.1 dst=198.51.100.1 sport=1 dport=80 [UNREPLIED] "
                    + "src=198.51.100.1 dst=203.0.113.5 sport=80 dport=4000"));
            assertTrue(all, all.contains("src=192.0.2.2 dst=198.51.100.2 sport=2 dport=53 [UNREPLIED] "
                    + "src=198.51.100.2 dst=192.0.2.2 sport=53 dport=2"));
            assertTrue(all, all.contains("src=192.0.2.3 dst=198.51.100.3 sport=3 dport=53 zone-orig=7"));
            ConntrackEntry snat = ct.list(ConntrackFilter.builder().source("192.0.2.1").build()).get(0);
            assertTrue("source NAT seen in the tuples: " + snat, snat.isSourceNat());
            assertTrue("SRC_NAT status: " + snat, snat.hasStatus(StatusFlag.SRC_NAT));
            assertEquals("found by its translated reply tuple", snat, ct.getByReply(snat.reply(), 0).orElseThrow()
                    .toBuilder().timeout(snat.timeout()).use(snat.use()).build());
            assertTrue("no entry has that reply", ct.getByReply(snat.original().inverse(), 0).isEmpty());
            ConntrackEntry zoned = ct.list(ConntrackFilter.builder().originalZone(7).build()).get(0);
            assertEquals(ZoneDirection.ORIGINAL, zoned.zoneDirection());
            assertEquals(0, zoned.replyTupleZone());
            assertTrue("an entry zoned in one direction is deleted by its key", ct.delete(zoned));
            assertEquals(2, ns.cliCount());
        }
    }

    @Test
    public void updateBySelectionChangesWhatTheToolWouldAndCountsOnlyChanges() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-tool-update");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            for (int i = 1; i <= 3; i++) {
                ns.conntrack("-I", "-p", "udp", "-s", "192.0.2." + i, "-d", "198.51.100.1", "--sport", "1",
                        "--dport", "53", "-t", "100", "-m", "0x0f");
            }
            ConntrackFilter two = ConntrackFilter.builder().destination("198.51.100.1")
                    .source("192.0.2.0/31").build(); // 192.0.2.0 and .1: one entry
            BulkResult r = ct.update(ConntrackFilter.builder().destination("198.51.100.1").build(),
                    ConntrackChange.builder().mark(0x30, 0xf0).build());
            assertEquals(3, r.succeeded());
            assertEquals(3, ns.cliCount("-m", "0x3f"));
            BulkResult again = ct.update(ConntrackFilter.builder().destination("198.51.100.1").build(),
                    ConntrackChange.builder().mark(0x30, 0xf0).build());
            assertEquals("nothing changes the second time", 0, again.succeeded());
            assertEquals(1, ct.update(two, ConntrackChange.builder().timeout(500).build()).succeeded());
            ct.createOrUpdate(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 53))
                    .timeout(100).mark(0x99).build());
            assertEquals("createOrUpdate of an existing entry changes it", 1, ns.cliCount("-m", "0x99"));
            assertEquals(3, ns.cliCount());
            List<ConntrackEntry> zeroed = new ArrayList<>();
            ct.forEachAndZero(ConntrackFilter.ALL, zeroed::add);
            assertEquals(3, zeroed.size());
            IllegalArgumentException refused = org.junit.Assert.assertThrows(IllegalArgumentException.class,
                    () -> ct.forEachAndZero(two, zeroed::add));
            assertTrue(refused.getMessage(), refused.getMessage().startsWith("filter: "));
            ConntrackEntry natted = ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 53))
                    .timeout(100).mark(0x77).sourceNat(NatTarget.parse("n", "203.0.113.9")).build();
            ct.createOrUpdate(natted); // exists: the kernel refuses NAT on a change, so this becomes an update
            assertEquals(1, ns.cliCount("-m", "0x77"));
            ct.createOrUpdate(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.4"), ip("198.51.100.1"), 1, 53))
                    .timeout(100).sourceNat(NatTarget.parse("n", "203.0.113.9")).build());
            assertEquals("a new entry is created with its NAT", 1, ns.cliCount("--src-nat", "203.0.113.9"));
        }
    }
}
