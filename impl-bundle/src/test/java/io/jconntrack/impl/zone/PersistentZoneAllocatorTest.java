package io.jconntrack.impl.zone;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ZoneExhaustedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PersistentZoneAllocatorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file() {
        return tmp.getRoot().toPath().resolve("zones.properties");
    }

    @Test
    public void sameKeySameZoneAndKernelZonesAreSkipped() {
        BitSet inKernel = new BitSet();
        inKernel.set(4097);
        inKernel.set(4099);
        PersistentZoneAllocator a = new PersistentZoneAllocator(file(), 4097, 4200, inKernel);
        int net1 = a.allocate("net-1");
        assertEquals(4098, net1);
        assertEquals(net1, a.allocate("net-1"));
        assertEquals(4100, a.allocate("net-2"));
        assertEquals(OptionalInt.of(4100), a.zoneOf("net-2"));
        assertEquals(OptionalInt.of(4100), a.release("net-2"));
        assertEquals(OptionalInt.empty(), a.zoneOf("net-2"));
        assertEquals(OptionalInt.empty(), a.release("net-2"));
    }

    @Test
    public void allocationsSurviveARestart() {
        PersistentZoneAllocator a = new PersistentZoneAllocator(file(), 10, 20, new BitSet());
        int x = a.allocate("port=\u00e9 with spaces:and=signs");
        int y = a.allocate("net-2");
        assertTrue("the allocations are written to " + file(), Files.exists(file()));
        PersistentZoneAllocator b = new PersistentZoneAllocator(file(), 10, 20, new BitSet());
        assertEquals(x, b.allocate("port=\u00e9 with spaces:and=signs"));
        assertEquals(y, b.zoneOf("net-2").getAsInt());
        assertEquals(2, b.allocations().size());
        int z = b.allocate("net-3");
        assertFalse("a new key gets a zone of its own: " + z, z == x || z == y);
    }

    @Test
    public void aFullRangeThrowsNamingTheRangeInBoundedTime() {
        BitSet inKernel = new BitSet();
        inKernel.set(4097, 65535); // all but the last zone are in use in the kernel
        PersistentZoneAllocator a = new PersistentZoneAllocator(file(), 4097, 65535, inKernel);
        assertEquals(65535, a.allocate("last"));
        long start = System.nanoTime();
        ZoneExhaustedException e = assertThrows(ZoneExhaustedException.class, () -> a.allocate("one-too-many"));
        assertEquals(4097, e.first());
        assertEquals(65535, e.last());
        assertTrue(e.getMessage(), e.getMessage().contains("4097..65535"));
        assertTrue("bounded", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals(OptionalInt.empty(), a.zoneOf("one-too-many"));
        a.release("last");
        assertEquals(65535, a.allocate("again"));
    }

    @Test
    public void badInputNamesTheField() {
        PersistentZoneAllocator a = new PersistentZoneAllocator(file(), 1, 5, new BitSet());
        for (String bad : new String[] {null, ""}) {
            IllegalArgumentException e = assertThrows("key " + bad, IllegalArgumentException.class,
                    () -> a.allocate(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("key:"));
        }
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class,
                () -> new PersistentZoneAllocator(file(), 5, 70000, new BitSet()));
        assertTrue(last.getMessage(), last.getMessage().startsWith("lastZone: 70000"));
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
                () -> new PersistentZoneAllocator(file(), 9, 5, new BitSet()));
        assertTrue(first.getMessage(), first.getMessage().startsWith("firstZone: 9"));
    }

    @Test
    public void concurrentCallersGetDistinctZones() throws Exception {
        PersistentZoneAllocator a = new PersistentZoneAllocator(file(), 100, 1099, new BitSet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<Integer> zones = ConcurrentHashMap.newKeySet();
        List<Future<?>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 125; i++) {
                    zones.add(a.allocate("k-" + thread + "-" + i));
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1000, zones.size());
        assertEquals(new HashSet<>(a.allocations().values()), zones);
        // the range 100..1099 holds exactly 1000 zones
        assertThrows(ZoneExhaustedException.class, () -> a.allocate("full"));
    }
}
