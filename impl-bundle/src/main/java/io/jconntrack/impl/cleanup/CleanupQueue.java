package io.jconntrack.impl.cleanup;

import io.jconntrack.api.CleanupResult;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cleanup requests one by one on its own thread. Before running a request it takes every other queued request
 * of the same namespace and zone: if one of them flushes the zone, one flush answers them all. Requests wait in a
 * {@link BlockingQueue}; a single-thread executor drains it, one task per submitted request (a task that finds its
 * request already merged into an earlier group has nothing to do).
 */
final class CleanupQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CleanupQueue.class);

    /** The work of one request, run against the service of its namespace; returns the entries deleted. */
    interface Job {
        long run(ConntrackService ct);
    }

    /** One queued request. {@code zone} is -1 for requests spanning several zones (never merged). */
    private record Request(String netns, int zone, boolean zoneFlush, Job job,
                           CompletableFuture<CleanupResult> result) {
    }

    private final ConntrackService conntrack;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jconntrack-cleaner");
        t.setDaemon(true);
        return t;
    });
    /** Guards the closed check against a concurrent close, so no request is queued after close drained them. */
    private final Object lock = new Object();
    private boolean closed;

    CleanupQueue(ConntrackService conntrack) {
        this.conntrack = conntrack;
    }

    ConntrackService conntrack() {
        return conntrack;
    }

    CompletionStage<CleanupResult> submit(String netns, int zone, boolean zoneFlush, Job job) {
        CompletableFuture<CleanupResult> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(ConntrackException.failed("cleanup", "the cleaner has been stopped")
                        .namespace(netns).build());
                return f;
            }
            queue.add(new Request(netns, zone, zoneFlush, job, f));
            worker.execute(this::runNext);
        }
        return f;
    }

    /** Runs the head request with every queued request of the same namespace and zone. */
    private void runNext() {
        Request head = queue.poll();
        if (head == null) {
            return; // merged into an earlier group
        }
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
        run(group);
    }

    private void run(List<Request> group) {
        Request flush = group.stream().filter(Request::zoneFlush).findFirst().orElse(null);
        String netns = group.get(0).netns();
        ConntrackService ct = netns == null ? conntrack : conntrack.inNamespace(netns);
        if (flush != null) {
            // One zone flush covers every request of that zone.
            try {
                long n = flush.job().run(ct);
                for (Request r : group) {
                    r.result().complete(new CleanupResult(n, r != flush));
                }
            } catch (RuntimeException | Error e) {
                // An Error too: a request left incomplete would leave its caller waiting forever.
                LOG.warn("jconntrack: zone cleanup failed: {}", e.toString());
                group.forEach(r -> r.result().completeExceptionally(e));
            }
            return;
        }
        for (Request r : group) {
            try {
                r.result().complete(new CleanupResult(r.job().run(ct), false));
            } catch (RuntimeException | Error e) {
                LOG.warn("jconntrack: cleanup request failed: {}", e.toString());
                r.result().completeExceptionally(e);
            }
        }
    }

    /** Stops the worker after the request it is running; requests still queued fail with "stopped". */
    @Override
    public void close() {
        List<Request> left = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            queue.drainTo(left);
        }
        left.forEach(r -> r.result().completeExceptionally(
                ConntrackException.failed("cleanup", "the cleaner was stopped before this request ran")
                        .namespace(r.netns()).build()));
        worker.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (worker.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
                LOG.warn("jconntrack: the cleaner is still running a request; waiting for it to end");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
