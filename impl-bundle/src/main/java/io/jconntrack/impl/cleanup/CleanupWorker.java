package io.jconntrack.impl.cleanup;

import io.jconntrack.impl.Threads;
import io.jconntrack.api.CleanupResult;
import io.jconntrack.api.ConntrackCleaner;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Device;
import io.jconntrack.api.Limits;
import io.jconntrack.api.SecurityGroupRule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cleanup requests one by one on its own thread. Before running a request it takes every other queued request
 * of the same namespace and zone: if one of them flushes the zone, one flush answers them all.
 */
public final class CleanupWorker implements ConntrackCleaner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CleanupWorker.class);
    /** Entries deleted per pipelined batch when a port range must be checked in Java. */
    static final int RANGE_BATCH = 10_000;

    /** One queued request. {@code zone} is -1 for requests spanning several zones (never merged). */
    private record Request(String netns, int zone, boolean zoneFlush, Job job,
                           CompletableFuture<CleanupResult> result) {
    }

    private interface Job {
        long run(ConntrackService ct);
    }

    private final ConntrackService conntrack;
    private final String netns;
    private final CleanupWorker root;
    private final LinkedList<Request> queue;
    private final Thread thread;
    private boolean closed;

    public CleanupWorker(ConntrackService conntrack) {
        this.conntrack = conntrack;
        this.netns = null;
        this.root = this;
        this.queue = new LinkedList<>();
        this.thread = new Thread(this::work, "jconntrack-cleaner");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private CleanupWorker(CleanupWorker root, String netns) {
        this.conntrack = root.conntrack;
        this.netns = netns;
        this.root = root;
        this.queue = null;
        this.thread = null;
    }

    @Override
    public ConntrackCleaner inNamespace(String netns) {
        conntrack.inNamespace(netns); // validates the name now
        return new CleanupWorker(root, netns);
    }

    @Override
    public CompletionStage<CleanupResult> deleteRuleState(SecurityGroupRule rule, Collection<Device> devices) {
        if (rule == null) {
            throw new IllegalArgumentException("rule: is required");
        }
        List<Device> ds = List.copyOf(Limits.checkDevices(devices));
        int zone = singleZone(ds);
        return root.submit(netns, zone, false, ct -> {
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
        return root.submit(netns, singleZone(ds), false, ct -> {
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
        return root.submit(netns, zone, true, ct -> ct.deleteMatching(ConntrackFilter.zone(zone)));
    }

    /** A dump narrowed by everything but the port range; entries in the range are deleted in batches. */
    private static long deleteInPortRange(ConntrackService ct, ConntrackFilter f, SecurityGroupRule rule) {
        List<ConntrackEntry> batch = new ArrayList<>();
        long[] deleted = {0};
        ct.forEach(f, e -> {
            if (CleanupFilters.inPortRange(rule, e.original().destinationPort())) {
                batch.add(e);
            }
        });
        // Deleting after the dump keeps the two on separate sockets; the batch is bounded by the matched state.
        for (int i = 0; i < batch.size(); i += RANGE_BATCH) {
            DeleteResult r = ct.delete(batch.subList(i, Math.min(batch.size(), i + RANGE_BATCH)));
            deleted[0] += r.deleted();
            if (!r.isComplete()) {
                throw new ConntrackException("cleanup", ConntrackException.NO_ERRNO, r.failures().get(0).errno(),
                        r.deleted() + " deleted, " + r.failed() + " failed: " + r.failures().get(0).message(),
                        null, ct.namespace(), r.failures().get(0).tuple(), null);
            }
        }
        return deleted[0];
    }

    private static int singleZone(List<Device> devices) {
        int zone = devices.get(0).zone();
        for (Device d : devices) {
            if (d.zone() != zone) {
                return -1;
            }
        }
        return zone;
    }

    private CompletableFuture<CleanupResult> submit(String ns, int zone, boolean zoneFlush, Job job) {
        CompletableFuture<CleanupResult> f = new CompletableFuture<>();
        synchronized (queue) {
            if (closed) {
                f.completeExceptionally(new ConntrackException("cleanup", "the cleaner has been stopped", ns));
                return f;
            }
            queue.add(new Request(ns, zone, zoneFlush, job, f));
            queue.notifyAll();
        }
        return f;
    }

    private void work() {
        while (true) {
            List<Request> group;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                group = takeGroup();
            }
            run(group);
        }
    }

    /** The head request and every queued request of the same namespace and zone. */
    private List<Request> takeGroup() {
        Request head = queue.removeFirst();
        List<Request> group = new ArrayList<>(List.of(head));
        if (head.zone() >= 0) {
            for (Iterator<Request> it = queue.iterator(); it.hasNext(); ) {
                Request r = it.next();
                if (r.zone() == head.zone() && Objects.equals(r.netns(), head.netns())) {
                    group.add(r);
                    it.remove();
                }
            }
        }
        return group;
    }

    private void run(List<Request> group) {
        Request flush = group.stream().filter(Request::zoneFlush).findFirst().orElse(null);
        ConntrackService ct = group.get(0).netns() == null ? conntrack : conntrack.inNamespace(group.get(0).netns());
        if (flush != null) {
            // One zone flush covers every request of that zone.
            try {
                long n = flush.job().run(ct);
                for (Request r : group) {
                    r.result().complete(new CleanupResult(n, r != flush));
                }
            } catch (RuntimeException e) {
                LOG.warn("jconntrack: zone cleanup failed: {}", e.getMessage());
                group.forEach(r -> r.result().completeExceptionally(e));
            }
            return;
        }
        for (Request r : group) {
            try {
                r.result().complete(new CleanupResult(r.job().run(ct), false));
            } catch (RuntimeException e) {
                LOG.warn("jconntrack: cleanup request failed: {}", e.getMessage());
                r.result().completeExceptionally(e);
            }
        }
    }

    /** Stops the worker; requests still queued fail with "stopped". */
    @Override
    public void close() {
        if (root != this) {
            return;
        }
        List<Request> left;
        synchronized (queue) {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
            queue.notifyAll();
        }
        left.forEach(r -> r.result().completeExceptionally(
                new ConntrackException("cleanup", "the cleaner was stopped before this request ran", r.netns())));
        Threads.joinUninterruptibly(thread);
    }
}
