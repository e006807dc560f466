package io.jconntrack.api;

import java.util.Map;
import java.util.OptionalInt;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Gives each key (a network or port id) its own conntrack zone from a configured range, the same zone for the same
 * key, and never a zone already present in the kernel's table. Allocation takes bounded time whatever the
 * occupancy. Thread-safe; the key to zone map survives restarts.
 */
@ProviderType
public interface ZoneAllocator {

    /**
     * The key's zone, allocating one when it has none.
     *
     * @throws ZoneExhaustedException when the range is full
     * @throws IllegalArgumentException for an empty key
     */
    int allocate(String key);

    /** The key's zone if it has one. */
    OptionalInt zoneOf(String key);

    /** Releases the key's zone; returns it, or empty when the key had none. */
    OptionalInt release(String key);

    /** A snapshot of every allocation. */
    Map<String, Integer> allocations();

    /** First zone of the range. */
    int firstZone();

    /** Last zone of the range (inclusive). */
    int lastZone();
}
