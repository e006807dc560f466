package io.jconntrack.impl.cleanup;

import io.jconntrack.api.CleanupResult;
import io.jconntrack.api.ConntrackCleaner;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.api.Device;
import io.jconntrack.api.Limits;
import io.jconntrack.api.SecurityGroupRule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ConntrackCleaner} of one network namespace ({@code null}: the controller's own): validates each request,
 * turns it into a job of conntrack operations and queues it on the shared {@link CleanupQueue}.
 */
public class NamespaceCleaner implements ConntrackCleaner {
    /** Entries deleted per pipelined batch when a port range must be checked in Java. */
    static final int RANGE_BATCH = 10_000;

    private final CleanupQueue queue;
    private final String netns;

    NamespaceCleaner(CleanupQueue queue, String netns) {
        this.queue = queue;
        this.netns = netns;
    }

    CleanupQueue queue() {
        return queue;
    }

    @Override
    public ConntrackCleaner inNamespace(String netns) {
        queue.conntrack().inNamespace(netns); // validates the name now
        return new NamespaceCleaner(queue, netns);
    }

    @Override
    public CompletionStage<CleanupResult> deleteRuleState(SecurityGroupRule rule, Collection<Device> devices) {
        if (rule == null) {
            throw new IllegalArgumentException("rule: is required");
        }
        List<Device> ds = List.copyOf(Limits.checkDevices(devices));
        return queue.submit(netns, singleZone(ds), false, ct -> {
            long n = 0;
            for (Device d : ds) {
                for (ConntrackFilter f : CleanupFilters.forRule(rule, d)) {
                    n += CleanupFilters.needsPortRangeCheck(rule) ? deleteInPortRange(ct, f, rule)
                            : ct.deleteMatching(f);
                }
            }
            return n;
        });
    }

    @Override
    public CompletionStage<CleanupResult> deleteRemoteState(Collection<Device> devices,
                                                            Collection<InetAddress> remotes, Long mark) {
        List<Device> ds = List.copyOf(Limits.checkDevices(devices));
        if (remotes == null || remotes.isEmpty()) {
            throw new IllegalArgumentException("remotes: at least one remote address is required");
        }
        List<InetAddress> rs = List.copyOf(remotes);
        if (mark != null && (mark < 0 || mark > Limits.MAX_MARK)) {
            throw new IllegalArgumentException("mark: " + mark + " is out of range 0.." + Limits.MAX_MARK);
        }
        return queue.submit(netns, singleZone(ds), false, ct -> {
            long n = 0;
            for (Device d : ds) {
                for (ConntrackFilter f : CleanupFilters.forRemotes(d, rs, mark)) {
                    n += ct.deleteMatching(f);
                }
            }
            return n;
        });
    }

    @Override
    public CompletionStage<CleanupResult> deleteZoneState(int zone) {
        Limits.checkZone("zone", zone);
        return queue.submit(netns, zone, true, ct -> ct.deleteMatching(ConntrackFilter.zone(zone)));
    }

    /** A dump narrowed by everything but the port range; entries in the range are deleted in batches. */
    private static long deleteInPortRange(ConntrackService ct, ConntrackFilter f, SecurityGroupRule rule) {
        List<ConntrackEntry> batch = new ArrayList<>();
        ct.forEach(f, e -> {
            if (CleanupFilters.inPortRange(rule, e.original().destinationPort())) {
                batch.add(e);
            }
        });
        // Deleting after the dump keeps the two on separate sockets; the batch is bounded by the matched state.
        long deleted = 0;
        for (int i = 0; i < batch.size(); i += RANGE_BATCH) {
            DeleteResult r = ct.delete(batch.subList(i, Math.min(batch.size(), i + RANGE_BATCH)));
            deleted += r.deleted();
            if (!r.isComplete()) {
                Failure first = r.failures().get(0);
                throw ConntrackException.kernel("cleanup", ConntrackException.NO_ERRNO, first.errno(),
                        r.deleted() + " deleted, " + r.failed() + " failed: " + first.message())
                        .namespace(ct.namespace()).tuple(first.tuple()).build();
            }
        }
        return deleted;
    }

    /** The zone all devices share, or -1: only requests of one zone can merge with a zone flush. */
    private static int singleZone(List<Device> devices) {
        int zone = devices.get(0).zone();
        for (Device d : devices) {
            if (d.zone() != zone) {
                return -1;
            }
        }
        return zone;
    }
}
