package io.jconntrack.impl.zone;

import io.jconntrack.api.Limits;
import io.jconntrack.api.ZoneAllocator;
import io.jconntrack.api.ZoneExhaustedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Zones from a range, one per key, kept in a properties file written atomically (a temporary file moved over the
 * old one), so a key keeps its zone across restarts. Zones the kernel's table already used at start are never
 * handed out. A free zone is found with {@link BitSet#nextClearBit}: at most two scans of the range, so the time
 * is bounded whatever the occupancy, and a full range ends in {@link ZoneExhaustedException}, not a loop.
 */
public class PersistentZoneAllocator implements ZoneAllocator {
    /** Neutron's default range. */
    public static final int DEFAULT_FIRST_ZONE = 4097;
    public static final int DEFAULT_LAST_ZONE = Limits.MAX_ZONE;
    static final int MAX_KEY_LENGTH = 255;

    private final Path file;
    private final int first;
    private final int last;
    private final Map<String, Integer> byKey = new TreeMap<>();
    private final BitSet allocated = new BitSet(Limits.MAX_ZONE + 1);
    private final BitSet inKernel;
    private int cursor;

    /**
     * @param zonesInKernel zones present in the conntrack table at start; never allocated
     */
    public PersistentZoneAllocator(Path file, int first, int last, BitSet zonesInKernel) {
        Limits.checkZone("firstZone", first);
        Limits.checkZone("lastZone", last);
        if (first > last) {
            throw new IllegalArgumentException("firstZone: " + first + " is above lastZone " + last);
        }
        this.file = file;
        this.first = first;
        this.last = last;
        this.inKernel = (BitSet) zonesInKernel.clone();
        this.cursor = first;
        load();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zone allocations from " + file, e);
        }
        for (String key : p.stringPropertyNames()) {
            int zone;
            try {
                zone = Integer.parseInt(p.getProperty(key).trim());
            } catch (NumberFormatException e) {
                continue; // a damaged line loses its allocation rather than the whole file
            }
            if (zone >= first && zone <= last && !allocated.get(zone)) {
                byKey.put(key, zone);
                allocated.set(zone);
            }
        }
    }

    @Override
    public synchronized int allocate(String key) {
        checkKey(key);
        Integer existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        int zone = free(cursor);
        if (zone < 0) {
            zone = free(first);
        }
        if (zone < 0) {
            throw new ZoneExhaustedException(first, last);
        }
        byKey.put(key, zone);
        allocated.set(zone);
        cursor = zone == last ? first : zone + 1;
        try {
            persist();
        } catch (RuntimeException e) {
            byKey.remove(key);
            allocated.clear(zone);
            throw e;
        }
        return zone;
    }

    /** The first zone at or after {@code from} that is neither allocated nor in the kernel, or -1. */
    private int free(int from) {
        BitSet taken = (BitSet) allocated.clone();
        taken.or(inKernel);
        int zone = taken.nextClearBit(from);
        return zone <= last ? zone : -1;
    }

    @Override
    public synchronized OptionalInt zoneOf(String key) {
        checkKey(key);
        Integer z = byKey.get(key);
        return z == null ? OptionalInt.empty() : OptionalInt.of(z);
    }

    @Override
    public synchronized OptionalInt release(String key) {
        checkKey(key);
        Integer z = byKey.remove(key);
        if (z == null) {
            return OptionalInt.empty();
        }
        allocated.clear(z);
        try {
            persist();
        } catch (RuntimeException e) {
            // memory and file stay in step: the key keeps its zone
            byKey.put(key, z);
            allocated.set(z);
            throw e;
        }
        return OptionalInt.of(z);
    }

    @Override
    public synchronized Map<String, Integer> allocations() {
        return Map.copyOf(byKey);
    }

    /** Number of zones found in the kernel's table at start (never handed out). */
    public int zonesInKernel() {
        return inKernel.cardinality();
    }

    @Override
    public int firstZone() {
        return first;
    }

    @Override
    public int lastZone() {
        return last;
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key: a non-empty key is required");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key: '" + key.substring(0, 32) + "...' is longer than "
                    + MAX_KEY_LENGTH + " characters");
        }
    }

    /** Writes the whole map to a temporary file and moves it over the old one. */
    private void persist() {
        Properties p = new Properties();
        byKey.forEach((k, z) -> p.setProperty(k, Integer.toString(z)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "jconntrack zone allocations: key=zone");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write zone allocations to " + file, e);
        }
    }
}
