package io.jconntrack.impl.socket;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pool of sockets of one network namespace. A caller holds a socket exclusively; at most {@code maxSockets}
 * exist at once, further callers wait. A socket left in an unknown state (a dump abandoned midway, an error) is
 * closed instead of being returned. When the namespace file disappears or names another namespace, idle sockets are
 * closed so that they do not keep a deleted namespace alive.
 */
public final class SocketPool implements AutoCloseable {
    private final NetworkNamespace namespace; // null: the process's own namespace
    private final int receiveBufferSize;
    private final int timeoutMillis;
    private final Semaphore permits;
    private final Deque<NetlinkSocket> idle = new ArrayDeque<>();
    private long identity = -1;
    private boolean closed;

    public SocketPool(NetworkNamespace namespace, int maxSockets, int receiveBufferSize, int timeoutMillis) {
        this.namespace = namespace;
        this.receiveBufferSize = receiveBufferSize;
        this.timeoutMillis = timeoutMillis;
        this.permits = new Semaphore(maxSockets, true);
    }

    /**
     * A borrowed socket, tied to the pool it came from and to the namespace (identity) it was opened in: it goes
     * back to that pool, and is closed instead of pooled if the namespace changed meanwhile.
     */
    public static final class Lease {
        private final SocketPool pool;
        private final NetlinkSocket socket;
        private final long identity;

        private Lease(SocketPool pool, NetlinkSocket socket, long identity) {
            this.pool = pool;
            this.socket = socket;
            this.identity = identity;
        }

        public NetlinkSocket socket() {
            return socket;
        }

        /** Gives the socket back; {@code reusable} false closes it. Call once. */
        public void release(boolean reusable) {
            pool.release(this, reusable);
        }
    }

    /** Takes a socket, opening one when none is idle. */
    public Lease acquire() throws NetlinkIOException {
        long current = namespace == null ? 0 : namespace.identity(); // ENOENT when the namespace is gone
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new NetlinkIOException("waiting for a free netlink socket", Errno.ETIMEDOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkIOException("waiting for a free netlink socket", Errno.EINTR);
        }
        try {
            synchronized (this) {
                if (closed) {
                    throw new NetlinkIOException("socket pool closed", Errno.EBADF);
                }
                if (current != identity) {
                    closeIdle();
                    identity = current;
                }
                NetlinkSocket s = idle.pollFirst();
                if (s != null) {
                    return new Lease(this, s, current);
                }
            }
            return new Lease(this, namespace == null ? NetlinkSocket.open(receiveBufferSize, timeoutMillis)
                    : namespace.openSocket(receiveBufferSize, timeoutMillis), current);
        } catch (NetlinkIOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Returns a socket; {@code reusable} false (or a closed pool) closes it. So does a namespace deleted or replaced
     * while the socket was in use: pooled, the socket would keep the deleted namespace (and its conntrack table)
     * alive, and later calls would work in the old namespace instead of the one the name now gives.
     */
    private void release(Lease lease, boolean reusable) {
        NetlinkSocket s = lease.socket;
        try {
            if (reusable && isGone()) {
                reusable = false;
                closeIdle();
            }
            synchronized (this) {
                if (reusable && !closed && !s.isClosed() && lease.identity == identity) {
                    idle.addFirst(s);
                    return;
                }
            }
            s.close();
        } finally {
            permits.release();
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
     * Whether the namespace file is gone or now names another namespace than the one the pooled sockets live in.
     * Always false for the process's own namespace.
     */
    public boolean isGone() {
        if (namespace == null) {
            return false;
        }
        long known;
        synchronized (this) {
            known = identity;
        }
        try {
            return known != -1 && namespace.identity() != known;
        } catch (NetlinkIOException e) {
            return true;
        }
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
