package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NamespaceFile;
import io.jconntrack.impl.socket.NamespaceId;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import io.jconntrack.impl.socket.SocketPool;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all namespace views of one service share: options, kernel features and the socket pools.
 *
 * <p>Pools are kept by what a namespace is ({@link NamespaceId}), not by how a caller spells it: every spelling of
 * one namespace shares one pool. At most {@code maxNamespaces} pools exist besides the process's own; to make room,
 * the least recently used pool nobody is in is closed, and when every pool is in use a call for yet another
 * namespace fails at once with EBUSY. No namespace descriptor is kept: a pool holds sockets only, and the file is
 * open while it is checked and while a socket is opened through it.
 */
final class Transport implements AutoCloseable {
    /** Pools of deleted namespaces are looked for at most this often (one statx per pool), see {@link #sweep()}. */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A pool nobody used for this long gives back its sockets (and a namespace's pool is dropped). */
    private static final long POOL_IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    final ConntrackOptions options;
    final KernelFeatures features;
    private final SocketPool own;
    /** Guarded by itself; in access order, so that the least recently used pool comes first. */
    private final Map<NamespaceId, SocketPool> pools = new LinkedHashMap<>(16, 0.75f, true);
    /** Open event subscriptions, ended with the transport. */
    final Subscriptions subscriptions = new Subscriptions();
    private volatile boolean closed;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    Transport(ConntrackOptions options) {
        this.options = options;
        this.features = KernelFeatures.running(options.kernelFilters());
        this.own = new SocketPool(null, options.maxSocketsPerNamespace(), options.timeoutMillis());
    }

    /** Borrows a socket of the namespace ({@code null}: the process's own); give it back with {@link #release}. */
    SocketPool.Lease acquire(String operation, String netns, SocketPool.Use use) {
        checkOpen(operation, netns);
        sweep();
        NetworkNamespace ns = netns == null ? null : NetworkNamespace.of(netns);
        try {
            if (ns == null) {
                if (!own.enter(null)) {
                    throw closed(operation, null);
                }
                return own.acquire(use, () -> NetlinkSocket.open(options.receiveBufferSize(),
                        options.timeoutMillis()));
            }
            // A pool's identity was read from a descriptor checked to be a network namespace; a file with that
            // device and inode is that namespace (its sockets pin it, so the inode number is not reused while the
            // pool holds any), so finding its pool needs no open. Anything else is opened and checked, which
            // refuses what is not a network namespace before a pool is made for it.
            SocketPool pool = enter(operation, ns, ns.identity(), false);
            if (pool == null) {
                try (NamespaceFile file = ns.open()) {
                    pool = enter(operation, ns, file.identity(), true);
                }
            }
            NamespaceId id = pool.identity();
            return pool.acquire(use, () -> ns.openSocket(id, options.receiveBufferSize(), options.timeoutMillis()));
        } catch (NetlinkIOException e) {
            if (ns != null && e.errno() == Errno.ENOENT) {
                dropPoolsLastNamed(ns);
            }
            throw Failures.reaching(operation, e, netns);
        }
    }

    /**
     * The path names no namespace (any more): the pools it named last are of a deleted namespace (as
     * {@link SocketPool#isGone} says), whose idle sockets should not wait for the sweep to let it go.
     */
    private void dropPoolsLastNamed(NetworkNamespace ns) {
        synchronized (pools) {
            for (Iterator<SocketPool> it = pools.values().iterator(); it.hasNext(); ) {
                SocketPool pool = it.next();
                if (pool.isLastNamed(ns)) {
                    pool.closeIdle();
                    if (pool.isUnusedFor(0)) {
                        it.remove();
                        pool.close();
                    }
                }
            }
        }
    }

    /**
     * The pool of the namespace, with the caller counted in; made when {@code create} and there is none.
     *
     * @return {@code null} when there is none and {@code create} is false
     */
    private SocketPool enter(String operation, NetworkNamespace ns, NamespaceId id, boolean create) {
        synchronized (pools) {
            if (closed) {
                throw closed(operation, ns.name());
            }
            SocketPool pool = pools.get(id);
            if (pool != null && pool.enter(ns)) {
                return pool;
            }
            if (!create) {
                return null;
            }
            if (pools.size() >= options.maxNamespaces() && !dropLeastRecentlyUsed()) {
                throw Failures.errno(operation, Errno.EBUSY, "too many network namespaces in use: all "
                        + options.maxNamespaces() + " (maxNamespaces) have calls in progress").namespace(ns.name())
                        .build();
            }
            pool = new SocketPool(id, options.maxSocketsPerNamespace(), options.timeoutMillis());
            pool.enter(ns);
            pools.put(id, pool);
            return pool;
        }
    }

    /** Closes the least recently used pool nobody is in; false when every pool is in use. */
    private boolean dropLeastRecentlyUsed() {
        for (Iterator<SocketPool> it = pools.values().iterator(); it.hasNext(); ) {
            SocketPool pool = it.next();
            if (pool.isUnusedFor(0)) {
                it.remove();
                pool.close();
                return true;
            }
        }
        return false;
    }

    /**
     * A socket outside the pool, for an operation that already holds a pooled one (a dump feeding deletes):
     * taking a second pooled socket could wait forever when every caller holds one. The caller closes it.
     */
    NetlinkSocket openDedicated(String operation, String netns) {
        checkOpen(operation, netns);
        try {
            return netns == null ? NetlinkSocket.open(options.receiveBufferSize(), options.timeoutMillis())
                    : NetworkNamespace.of(netns).openSocket(options.receiveBufferSize(), options.timeoutMillis());
        } catch (NetlinkIOException e) {
            throw Failures.reaching(operation, e, netns);
        }
    }

    /** Gives a borrowed socket back to the pool it came from (which may have been dropped meanwhile). */
    void release(SocketPool.Lease lease, boolean reusable) {
        lease.release(reusable && !closed);
    }

    /**
     * Closes the sockets of pools nobody used for {@link #POOL_IDLE_NANOS}, and those of deleted namespaces at once:
     * their idle sockets would otherwise keep each deleted namespace alive until someone calls into it again, which
     * may be never. A pool is dropped only when nobody is in it.
     */
    private void sweep() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < SWEEP_INTERVAL_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        List<SocketPool> snapshot;
        synchronized (pools) {
            snapshot = new ArrayList<>(pools.values());
        }
        for (SocketPool pool : snapshot) {
            boolean gone = pool.isGone(); // a statx: outside the lock
            if (gone) {
                pool.closeIdle();
            }
            synchronized (pools) {
                if (pool.isUnusedFor(gone ? 0 : POOL_IDLE_NANOS) && pools.remove(pool.identity(), pool)) {
                    pool.close();
                }
            }
        }
        if (own.isUnusedFor(POOL_IDLE_NANOS)) {
            own.closeIdle();
        }
    }

    private void checkOpen(String operation, String netns) {
        if (closed) {
            throw closed(operation, netns);
        }
    }

    private static ConntrackException closed(String operation, String netns) {
        return ConntrackException.failed(operation, "the conntrack service has been closed").namespace(netns).build();
    }

    /** Number of idle pooled sockets, for tests of the pool bounds. */
    int idleSockets() {
        synchronized (pools) {
            return own.idleCount() + pools.values().stream().mapToInt(SocketPool::idleCount).sum();
        }
    }

    /** Number of pools of namespaces other than the process's own, for tests of their bound. */
    int namespacePools() {
        synchronized (pools) {
            return pools.size();
        }
    }

    @Override
    public void close() {
        closed = true;
        own.close();
        synchronized (pools) {
            pools.values().forEach(SocketPool::close);
            pools.clear();
        }
        subscriptions.closeAll();
    }
}
