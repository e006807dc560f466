package io.jconntrack.impl.socket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pool of sockets of one network namespace. A caller holds a socket exclusively; at most {@code maxSockets}
 * exist at once, further callers wait. A socket left in an unknown state (a dump abandoned midway, an error) is
 * closed instead of being returned. When the namespace is deleted (the path that last named it names nothing, or
 * another namespace), idle sockets are closed so that they do not keep it alive.
 *
 * <p>Streams, dumps whose pace the caller's consumer sets (a slow HTTP client), hold at most {@code maxSockets - 1}
 * sockets (at least one): slow readers cannot take them all, so a short request always finds a socket within the
 * bound. With {@code maxSockets} 1 there is nothing to reserve and a stream holds the only socket.
 *
 * <p>Callers {@link #enter} before they {@link #acquire}: a pool nobody has entered can be closed and dropped
 * ({@link #isUnusedFor}) without pulling it from under a caller about to use it.
 */
public final class SocketPool implements AutoCloseable {
    /** How a socket will be held. */
    public enum Use {
        /** A request, or a dump the service reads itself (list, count): as long as the kernel takes. */
        SHORT,
        /** A dump handed to the caller's consumer: as long as the caller takes. */
        STREAM
    }

    /** Opens a socket in the pool's namespace. */
    @FunctionalInterface
    public interface Opener {
        NetlinkSocket open() throws NetlinkIOException;
    }

    private final NamespaceId identity; // null: the process's own namespace
    private final int timeoutMillis;
    private final Semaphore permits;
    private final Semaphore streamPermits;
    private final Deque<NetlinkSocket> idle = new ArrayDeque<>();
    /** The namespace as last named, to notice its deletion (any spelling does). */
    private volatile NetworkNamespace namedBy;
    private int users;
    private long lastUsed = System.nanoTime();
    private boolean closed;

    /** @param identity the namespace's, {@code null} for the process's own */
    public SocketPool(NamespaceId identity, int maxSockets, int timeoutMillis) {
        this.identity = identity;
        this.timeoutMillis = timeoutMillis;
        this.permits = new Semaphore(maxSockets, true);
        this.streamPermits = new Semaphore(Math.max(1, maxSockets - 1), true);
    }

    /** A borrowed socket, tied to the pool it came from. */
    public static final class Lease {
        private final SocketPool pool;
        private final NetlinkSocket socket;
        private final Use use;

        private Lease(SocketPool pool, NetlinkSocket socket, Use use) {
            this.pool = pool;
            this.socket = socket;
            this.use = use;
        }

        public NetlinkSocket socket() {
            return socket;
        }

        /** Gives the socket back; {@code reusable} false closes it. Call once. */
        public void release(boolean reusable) {
            pool.release(this, reusable);
        }
    }

    /** The namespace's identity, {@code null} for the process's own. */
    public NamespaceId identity() {
        return identity;
    }

    /**
     * Counts a caller in, who must then {@link #acquire} once.
     *
     * @param named how the caller named the namespace ({@code null} for the own one)
     * @return false when the pool is closed: it takes no more callers
     */
    public synchronized boolean enter(NetworkNamespace named) {
        if (closed) {
            return false;
        }
        users++;
        lastUsed = System.nanoTime();
        if (named != null) {
            namedBy = named;
        }
        return true;
    }

    /**
     * Takes a socket, opening one with {@code opener} when none is idle; waits at most the timeout for one. A failure
     * counts the caller out, as the lease's release does.
     */
    public Lease acquire(Use use, Opener opener) throws NetlinkIOException {
        boolean permit = false;
        boolean streamPermit = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            if (use == Use.STREAM) {
                await(streamPermits, deadline);
                streamPermit = true;
            }
            await(permits, deadline);
            permit = true;
            NetlinkSocket s;
            synchronized (this) {
                if (closed) {
                    throw new NetlinkIOException("socket pool closed", Errno.EBADF);
                }
                s = idle.pollFirst();
            }
            return new Lease(this, s != null ? s : opener.open(), use);
        } catch (NetlinkIOException | RuntimeException e) {
            leave(permit, streamPermit);
            throw e;
        }
    }

    private static void await(Semaphore semaphore, long deadline) throws NetlinkIOException {
        try {
            if (!semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new NetlinkIOException("waiting for a free netlink socket", Errno.ETIMEDOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkIOException("waiting for a free netlink socket", Errno.EINTR);
        }
    }

    /**
     * Returns a socket; {@code reusable} false (or a closed pool) closes it. So does a namespace deleted while the
     * socket was in use: pooled, the socket would keep the deleted namespace (and its conntrack table) alive.
     */
    private void release(Lease lease, boolean reusable) {
        NetlinkSocket s = lease.socket;
        try {
            if (reusable && isGone()) {
                reusable = false;
                closeIdle();
            }
            synchronized (this) {
                if (reusable && !closed && !s.isClosed()) {
                    idle.addFirst(s);
                    return;
                }
            }
            s.close();
        } finally {
            leave(true, lease.use == Use.STREAM);
        }
    }

    private void leave(boolean permit, boolean streamPermit) {
        synchronized (this) {
            users--;
            lastUsed = System.nanoTime();
        }
        if (permit) {
            permits.release();
        }
        if (streamPermit) {
            streamPermits.release();
        }
    }

    /** Closes idle sockets, e.g. after the namespace was found gone. */
    public synchronized void closeIdle() {
        NetlinkSocket s;
        while ((s = idle.pollFirst()) != null) {
            s.close();
        }
    }

    /**
     * Whether the path that last named the namespace is gone or names another one now: then nobody reaches the
     * namespace through this pool any more. Always false for the process's own namespace.
     */
    public boolean isGone() {
        NetworkNamespace named = namedBy;
        if (identity == null || named == null) {
            return false;
        }
        try {
            return !identity.equals(named.identity());
        } catch (NetlinkIOException e) {
            return true;
        }
    }

    /** Whether {@code ns} is spelt as the namespace was last named. */
    public boolean isLastNamed(NetworkNamespace ns) {
        NetworkNamespace named = namedBy;
        return named != null && named.path().equals(ns.path());
    }

    /** Whether no caller has been in the pool (holding, waiting for or opening a socket) for {@code nanos}. */
    public synchronized boolean isUnusedFor(long nanos) {
        return users == 0 && System.nanoTime() - lastUsed >= nanos;
    }

    public synchronized int idleCount() {
        return idle.size();
    }

    /** Closes idle sockets now; sockets in use are closed when released. */
    @Override
    public synchronized void close() {
        closed = true;
        closeIdle();
    }
}
