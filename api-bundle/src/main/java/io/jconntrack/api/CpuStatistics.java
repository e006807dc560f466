package io.jconntrack.api;

import java.io.Serializable;

/** Per-CPU conntrack counters ({@code enum ctattr_stats_cpu}); fields the kernel no longer fills are left out. */
public record CpuStatistics(int cpu, long found, long invalid, long insert, long insertFailed, long drop,
                            long earlyDrop, long error, long searchRestart, long clashResolve, long chainTooLong)
        implements Serializable {
}
