package io.jconntrack.itests;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.testsupport.TestNamespace;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The installed feature, the service it publishes, its console commands and their ACL, each test in its own namespace. */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConntrackServiceIT extends KarafTestSupport {

    @Inject
    private ConntrackService conntrack;

    @Inject
    private FeaturesService featuresService;

    private Console console;

    @Before
    public void console() throws InterruptedException {
        console = Console.of(bundleContext);
    }

    @Test
    public void featureInstallsWithAllBundlesActive() throws Exception {
        Feature feature = featuresService.getFeature(FEATURE);
        assertNotNull("feature jconntrack is known", feature);
        assertTrue("feature jconntrack is installed", featuresService.isInstalled(feature));
        assertEquals("api, impl (JNA inside) and shell", 3, feature.getBundles().size());
        for (var info : feature.getBundles()) {
            var b = bundleContext.getBundle(info.getLocation());
            assertNotNull(info.getLocation() + " is installed", b);
            assertEquals(info.getLocation() + " (" + b.getSymbolicName() + ") is ACTIVE", org.osgi.framework.Bundle.ACTIVE,
                    b.getState());
        }
        assertActive(API_BSN);
        assertActive(IMPL_BSN);
        assertActive(SHELL_BSN);
        assertNotNull("ConntrackService injected", conntrack);
        assertNull("the service works in the container's own namespace", conntrack.namespace());
        for (Class<?> service : List.of(io.jconntrack.api.ZoneAllocator.class,
                io.jconntrack.api.ConntrackCleaner.class)) {
            org.osgi.util.tracker.ServiceTracker<?, ?> t = new org.osgi.util.tracker.ServiceTracker<>(bundleContext,
                    service.getName(), null);
            t.open();
            try {
                assertNotNull(service.getSimpleName() + " is published", t.waitForService(TIMEOUT_MILLIS));
            } finally {
                t.close();
            }
        }
    }

    @Test
    public void serviceCreatesListsCountsDeletesAndFlushesInBothFamiliesAndZones() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            ConntrackService ct = conntrack.inNamespace(ns.name());
            ConntrackEntry tcp4 = entry(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.2"), 1, 2), 10)
                    .tcpState(TcpState.ESTABLISHED).build();
            ConntrackEntry udp4 = entry(Tuple.udp(ip("192.0.2.4"), ip("198.51.100.5"), 4000, 53), 10).build();
            ConntrackEntry icmp4 = entry(Tuple.icmp(ip("192.0.2.7"), ip("198.51.100.8"), 8, 0, 3333), 10).build();
            ConntrackEntry tcp6 = entry(Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 1, 2), 20)
                    .tcpState(TcpState.ESTABLISHED).build();
            ConntrackEntry udp6 = entry(Tuple.udp(ip("2001:db8::4"), ip("2001:db8::5"), 4000, 53), 20).build();
            for (ConntrackEntry e : List.of(tcp4, udp4, icmp4, tcp6, udp6)) {
                ct.create(e);
            }

            assertEquals("the CLI sees all five", 5, ns.cliCount());
            assertEquals(3, ct.list(ConntrackFilter.zone(10)).size());
            assertEquals(3, ns.cliCount("-w", "10"));
            assertEquals(2, ct.count(ConntrackFilter.zone(20)));
            assertEquals(2, ct.count(ConntrackFilter.builder().family(AddressFamily.IPV6).build()));
            assertEquals(3, ct.count(ConntrackFilter.builder().family(AddressFamily.IPV4).build()));
            assertEquals(2, ct.count(ConntrackFilter.builder().protocol(Protocol.TCP).build()));
            assertEquals("the container's namespace does not see them", 0,
                    conntrack.count(ConntrackFilter.builder().source("2001:db8::1/128").build()));

            Optional<ConntrackEntry> got = ct.get(tcp6.original(), 20);
            assertTrue("get finds the IPv6 TCP entry", got.isPresent());
            assertEquals(TcpState.ESTABLISHED, got.get().tcpState());
            assertTrue("timeout " + got.get().timeout(), got.get().timeout() > 1200 && got.get().timeout() <= 1234);
            assertFalse("not in another zone", ct.get(tcp6.original(), 10).isPresent());

            // One by one, as Neutron's functional test: ICMP, then TCP, then UDP of zone 10.
            assertTrue("ICMP entry deleted", ct.delete(ct.get(icmp4.original(), 10).orElseThrow()));
            assertEquals(0, ns.cliCount("-p", "icmp"));
            assertTrue("TCP entry deleted", ct.delete(ct.get(tcp4.original(), 10).orElseThrow()));
            assertEquals(1, ns.cliCount("-w", "10"));
            ConntrackEntry udp4Live = ct.get(udp4.original(), 10).orElseThrow();
            assertTrue("UDP entry deleted", ct.delete(udp4Live));
            assertFalse("deleting an entry already gone is not an error", ct.delete(udp4Live));
            assertEquals(0, ns.cliCount("-w", "10"));
            assertEquals(2, ns.cliCount("-w", "20"));

            // A zone flush leaves the other zone.
            ct.create(List.of(tcp4, udp4, icmp4));
            assertEquals(3, ns.cliCount("-w", "10"));
            ct.flush(20);
            assertEquals(0, ns.cliCount("-w", "20"));
            assertEquals("zone 10 is left", 3, ns.cliCount("-w", "10"));
            assertEquals(3, ct.count(ConntrackFilter.ALL));

            ct.create(List.of(tcp6, udp6));
            ct.flush(10);
            assertEquals(0, ns.cliCount("-w", "10"));
            assertEquals("zone 20 (IPv6) is left", 2, ns.cliCount("-f", "ipv6"));

            assertEquals(1, ct.deleteMatching(ConntrackFilter.builder().family(AddressFamily.IPV6)
                    .protocol(Protocol.UDP).build()));
            assertEquals(1, ns.cliCount());

            ct.create(List.of(tcp4, udp4));
            ct.flush();
            assertEquals("flush empties both families", 0, ns.cliCount());
            assertEquals(0, ct.count(ConntrackFilter.ALL));
        }
    }

    @Test
    public void consoleCommandsPrintTablesCountsConntrackLinesAndOneLineErrors() {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            String n = ns.name();
            String created = console.admin("conntrack:create -n " + n + " -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1234"
                    + " --dport 80 -t 120 --state ESTABLISHED -w 7");
            assertEquals("the conntrack tool's summary", "1 flow entries have been created.", created.strip());
            assertEquals(1, ns.cliCount("-w", "7"));
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.2", "-d", "198.51.100.2", "--sport", "5000", "--dport",
                    "53", "-t", "300", "-w", "7");
            ns.conntrack("-I", "-p", "tcp", "-s", "2001:db8::1", "-d", "2001:db8::2", "--sport", "1", "--dport", "2",
                    "--state", "ESTABLISHED", "-t", "300", "-w", "8");

            assertEquals("count prints the number alone", "3", console.admin("conntrack:count -n " + n).strip());
            assertEquals("2", console.admin("conntrack:count -n " + n + " -w 7").strip());
            assertEquals("1", console.admin("conntrack:count -n " + n + " -f ipv6").strip());

            String table = console.admin("conntrack:list -n " + n + " -w 7 -p tcp");
            String[] rows = table.strip().split("\n");
            assertEquals("header, rule, one row:\n" + table, 3, rows.length);
            for (String column : List.of("PROTO", "SRC", "DST", "SPORT", "DPORT", "STATE", "ZONE")) {
                assertTrue(column + " in " + rows[0], rows[0].contains(column));
            }
            for (String cell : List.of("tcp", "192.0.2.1", "198.51.100.1", "1234", "80", "ESTABLISHED", "7")) {
                assertTrue(cell + " in " + rows[2], rows[2].contains(cell));
            }

            // -o conntrack prints what conntrack -L prints; only the timeout may have ticked in between.
            for (String sel : List.of("-w 7 -p tcp", "-w 7 -p udp", "-w 8")) {
                List<String> cli = ns.listLines(sel.split(" "));
                String ours = console.admin("conntrack:list -n " + n + " -o conntrack " + sel);
                assertEquals(sel, 1, cli.size());
                assertEquals(sel, TestNamespace.withoutTimeout(cli.get(0)),
                        TestNamespace.withoutTimeout(ours.strip()));
            }

            // A failing command throws (Karaf prints "Error executing command: MESSAGE" and bin/client exits 1).
            Console.Result bad = console.execute("conntrack:count -n " + n + " -w 70000", Console.ADMIN_ROLES);
            assertEquals("a CommandException: " + bad.all(), "CommandException",
                    bad.thrown() == null ? null : bad.thrown().getClass().getSimpleName());
            assertTrue("one line naming the option and value: " + bad.all(),
                    bad.thrown().getMessage().startsWith("--zone: '70000'"));
            assertEquals(1, bad.thrown().getMessage().split("\n").length);
            assertEquals("", bad.out());
            Console.Result badFlush = console.execute("conntrack:flush -n " + n + " -w 70000", Console.ADMIN_ROLES);
            assertTrue(badFlush.all(), badFlush.thrown() != null && badFlush.thrown().getMessage().contains("70000"));
            assertEquals("a bad zone flushes nothing", 3, ns.cliCount());

            Console.Result unguarded = console.execute("conntrack:delete -n " + n, Console.ADMIN_ROLES);
            assertTrue("delete without selection asks for --all: " + unguarded.all(),
                    unguarded.thrown() != null && unguarded.thrown().getMessage().contains("--all"));
            assertEquals("nothing deleted without --all", 3, ns.cliCount());
            assertEquals("1 flow entries have been deleted.",
                    console.admin("conntrack:delete -n " + n + " -f ipv6").strip());
            assertEquals("2 flow entries have been deleted.",
                    console.admin("conntrack:delete -n " + n + " --all").strip());
            assertEquals(0, ns.cliCount());
        }
    }

    @Test
    public void viewerMayListAndCountButNotDeleteOrFlush() {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            String n = ns.name();
            ns.createTcp("192.0.2.1", "198.51.100.1", 1000, 443, 5);
            ns.createTcp("192.0.2.2", "198.51.100.1", 1001, 443, 6);
            List<String> before = ns.listLines();

            Console.Result list = console.execute("conntrack:list -n " + n, "viewer");
            assertNull(list.all(), list.thrown());
            assertTrue(list.all(), list.out().contains("192.0.2.1") && list.out().contains("192.0.2.2"));
            Console.Result count = console.execute("conntrack:count -n " + n, "viewer");
            assertNull(count.all(), count.thrown());
            assertEquals("2", count.out().strip());

            for (String refused : List.of("conntrack:delete -n " + n + " --all", "conntrack:delete -n " + n + " -w 5",
                    "conntrack:flush -n " + n, "conntrack:flush -n " + n + " -w 6")) {
                Console.Result r = console.execute(refused, "viewer");
                assertNotNull(refused + " must be refused to a viewer: " + r.all(), r.thrown());
                String why = String.valueOf(r.thrown().getMessage());
                assertTrue(refused + ": " + r.thrown(), why.contains("Command not found")
                        || why.contains("Insufficient credentials"));
                assertEquals(refused + " printed nothing", "", r.out());
            }
            assertEquals("the table is unchanged", before.size(), ns.cliCount());
            assertEquals(2, conntrack.inNamespace(n).count(ConntrackFilter.ALL));
            assertEquals(1, conntrack.inNamespace(n).count(ConntrackFilter.zone(5)));
        }
    }

    private static ConntrackEntry.Builder entry(Tuple t, int zone) {
        return ConntrackEntry.builder(t).zone(zone).timeout(1234);
    }
}
