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

    /** Takes a socket, opening one when none is idle. */
    public NetlinkSocket acquire() throws NetlinkIOException {
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
                    return s;
                }
            }
            return namespace == null ? NetlinkSocket.open(receiveBufferSize, timeoutMillis)
                    : namespace.openSocket(receiveBufferSize, timeoutMillis);
        } catch (NetlinkIOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Returns a socket; {@code reusable} false (or a closed pool) closes it. So does a namespace deleted while the
     * socket was in use: pooled, the socket would keep the deleted namespace (and its conntrack table) alive.
     */
    public void release(NetlinkSocket s, boolean reusable) {
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
