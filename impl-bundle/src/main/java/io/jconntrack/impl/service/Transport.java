package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import io.jconntrack.impl.socket.SocketPool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What all namespace views of one service share: options, kernel features and the socket pools. */
final class Transport implements AutoCloseable {
    private static final String OWN_NAMESPACE = "";

    final ConntrackOptions options;
    final KernelFeatures features;
    private final Map<String, SocketPool> pools = new ConcurrentHashMap<>();
    /** Open event subscriptions, ended with the transport. */
    final Subscriptions subscriptions = new Subscriptions();
    final ExpectationSubscriptions expectationSubscriptions = new ExpectationSubscriptions();
    private volatile boolean closed;
    /** Pools of deleted namespaces are looked for at most this often (one stat per pool), see {@link #sweep()}. */
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong lastSweep =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    Transport(ConntrackOptions options) {
        this.options = options;
        this.features = KernelFeatures.running(options.kernelFilters());
    }

    /** Borrows a socket of the namespace ({@code null}: the process's own); give it back with {@link #release}. */
    SocketPool.Lease acquire(String operation, String netns) {
        if (closed) {
            throw new ConntrackException(operation, "the conntrack service has been closed", netns);
        }
        sweep();
        SocketPool pool = pools.computeIfAbsent(netns == null ? OWN_NAMESPACE : netns,
                key -> new SocketPool(key.isEmpty() ? null : NetworkNamespace.of(key),
                        options.maxSocketsPerNamespace(), options.receiveBufferSize(), options.timeoutMillis()));
        try {
            return pool.acquire();
        } catch (NetlinkIOException e) {
            if (netns != null && e.errno() == io.jconntrack.impl.socket.Errno.ENOENT) {
                pools.remove(netns, pool);
                pool.close();
                throw new ConntrackException(operation, e.errno(), "ENOENT",
                        "network namespace '" + netns + "' does not exist", null, netns, null, e);
            }
            throw Failures.of(operation, e, netns, null);
        }
    }

    /**
     * A socket outside the pool, for an operation that already holds a pooled one (a dump feeding deletes):
     * taking a second pooled socket could wait forever when every caller holds one. The caller closes it.
     */
    NetlinkSocket openDedicated(String operation, String netns) {
        if (closed) {
            throw new ConntrackException(operation, "the conntrack service has been closed", netns);
        }
        try {
            return netns == null ? NetlinkSocket.open(options.receiveBufferSize(), options.timeoutMillis())
                    : NetworkNamespace.of(netns).openSocket(options.receiveBufferSize(), options.timeoutMillis());
        } catch (NetlinkIOException e) {
            throw Failures.of(operation, e, netns, null);
        }
    }

    /** Gives a borrowed socket back to the pool it came from (which may have been dropped meanwhile). */
    void release(SocketPool.Lease lease, boolean reusable) {
        lease.release(reusable && !closed);
    }

    /**
     * Drops the pools of namespaces deleted since they were last used: their idle sockets would otherwise keep each
     * deleted namespace alive until someone calls into it again, which may be never.
     */
    private void sweep() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < SWEEP_INTERVAL_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        pools.forEach((key, pool) -> {
            if (pool.isGone() && pools.remove(key, pool)) {
                pool.close();
            }
        });
    }

    boolean isClosed() {
        return closed;
    }

    /** Number of idle pooled sockets, for tests of the pool bounds. */
    int idleSockets() {
        return pools.values().stream().mapToInt(SocketPool::idleCount).sum();
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(SocketPool::close);
        subscriptions.closeAll();
        expectationSubscriptions.closeAll();
    }
}
