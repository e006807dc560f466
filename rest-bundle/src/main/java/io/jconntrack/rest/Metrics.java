package io.jconntrack.rest;

import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.CpuStatistics;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The agent's metrics in the Prometheus text format (Prometheus' Java client): the kernel's table size, maximum and
 * per-CPU counters read at each scrape, events delivered and lost, and requests by operation and status with their
 * latency (for the entry stream: until the status line, not the end of the stream).
 */
final class Metrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram requests = Histogram.builder().name("jconntrack_rest_request_duration_seconds")
            .help("REST requests by operation and HTTP status").labelNames("operation", "status").classicOnly()
            .register(registry);
    private final EventStreams events;

    Metrics(EventStreams events) {
        this.events = events;
    }

    void request(String operation, int status, long nanos) {
        requests.labelValues(operation, Integer.toString(status)).observe(nanos / 1e9);
    }

    void write(OutputStream out, ConntrackStatistics table) throws IOException {
        List<MetricSnapshot> all = new ArrayList<>(registry.scrape().stream().toList());
        all.add(gauge("conntrack_entries", "Entries in the conntrack table", table.entries()));
        all.add(gauge("conntrack_entries_max", "nf_conntrack_max: the table's maximum", table.maxEntries()));
        cpu(all, "found", "Searches that found an entry", CpuStatistics::found, table);
        cpu(all, "invalid", "Packets that could not be tracked", CpuStatistics::invalid, table);
        cpu(all, "insert", "Entries inserted", CpuStatistics::insert, table);
        cpu(all, "insert_failed", "Insertions that failed (e.g. a clash)", CpuStatistics::insertFailed, table);
        cpu(all, "drop", "Packets dropped because an entry could not be made", CpuStatistics::drop, table);
        cpu(all, "early_drop", "Entries dropped early to make room", CpuStatistics::earlyDrop, table);
        cpu(all, "error", "ICMP errors that could not be tracked", CpuStatistics::error, table);
        cpu(all, "search_restart", "Table lookups restarted by a resize", CpuStatistics::searchRestart, table);
        cpu(all, "clash_resolve", "Insertion clashes resolved", CpuStatistics::clashResolve, table);
        cpu(all, "chain_toolong", "Hash chains found too long", CpuStatistics::chainTooLong, table);
        all.add(counter("jconntrack_rest_events_delivered", "Conntrack events received by event streams",
                Labels.EMPTY, events.delivered()));
        all.add(counter("jconntrack_rest_events_lost", "Notices of events the kernel dropped (ENOBUFS)",
                Labels.EMPTY, events.lost()));
        all.add(gauge("jconntrack_rest_event_streams", "Open event streams", events.openStreams()));
        new PrometheusTextFormatWriter(false).write(out, new MetricSnapshots(all),
                io.prometheus.metrics.config.EscapingScheme.ALLOW_UTF8);
    }

    private static void cpu(List<MetricSnapshot> all, String name, String help, ToLongFunction<CpuStatistics> value,
                            ConntrackStatistics table) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("conntrack_stat_" + name).help(help);
        for (CpuStatistics c : table.perCpu()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of("cpu",
                    Integer.toString(c.cpu()))).value(value.applyAsLong(c)).build());
        }
        all.add(b.build());
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static MetricSnapshot counter(String name, String help, Labels labels, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build())
                .build();
    }
}
