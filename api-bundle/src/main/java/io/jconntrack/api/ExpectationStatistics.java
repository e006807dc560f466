package io.jconntrack.api;

import java.io.Serializable;

/**
 * Per-CPU expectation counters ({@code enum ctattr_expect_stats}, {@code conntrack -S expect}).
 *
 * @param created expectations a helper or program asked for ({@code CTA_STATS_EXP_NEW})
 * @param inserted expectations added to the table ({@code CTA_STATS_EXP_CREATE})
 * @param deleted expectations removed ({@code CTA_STATS_EXP_DELETE})
 * @since 0.3
 */
public record ExpectationStatistics(int cpu, long created, long inserted, long deleted) implements Serializable {
}
