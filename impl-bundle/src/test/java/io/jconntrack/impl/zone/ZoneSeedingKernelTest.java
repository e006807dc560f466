package io.jconntrack.impl.zone;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.Test;

/** The allocator never hands out a zone that entries in the kernel's table already use. */
public class ZoneSeedingKernelTest {

    @Test
    public void zonesInTheTableAreSkipped() throws Exception {
        Path dir = Files.createTempDirectory("jct-zones");
        try (TestNamespace ns = TestNamespace.create("jct-zone");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            for (int zone : new int[] {4097, 4098, 4100}) {
                ct.create(ConntrackEntry.builder(Tuple.udp(InetAddress.getByName("192.0.2.1"),
                        InetAddress.getByName("198.51.100.1"), zone, 53)).zone(zone).timeout(60).build());
            }
            BitSet inUse = ZoneAllocatorComponent.zonesInUse(ct);
            assertEquals(3, inUse.cardinality());
            PersistentZoneAllocator a = new PersistentZoneAllocator(dir.resolve("zones.properties"), 4097, 65535,
                    inUse);
            assertEquals(4099, a.allocate("net-a"));
            assertEquals(4101, a.allocate("net-b"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
