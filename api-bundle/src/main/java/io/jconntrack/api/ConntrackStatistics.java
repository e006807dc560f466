package io.jconntrack.api;

import java.io.Serializable;
import java.util.List;

/** Entry count and table maximum of a namespace, with the per-CPU counters. */
public record ConntrackStatistics(long entries, long maxEntries, List<CpuStatistics> perCpu) implements Serializable {
    public ConntrackStatistics {
        perCpu = List.copyOf(perCpu);
    }
}
