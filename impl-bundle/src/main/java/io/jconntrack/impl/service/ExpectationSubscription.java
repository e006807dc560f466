package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.expectType;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.Subscription;
import io.jconntrack.impl.Threads;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.ExpectationCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NamespaceId;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One expectation subscription: its own socket joined to the {@code NFNLGRP_CONNTRACK_EXP_*} groups of the wanted
 * event types and its own reader thread, which decodes, filters and delivers in kernel order. Expectation events are
 * few (one per helper command), so everything is filtered in Java. As for entry events, the reader wakes every
 * {@link EventSubscription#POLL_MILLIS} to notice a close or a deleted namespace.
 */
final class ExpectationSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ExpectationSubscription.class);
    private static final int EXP_NEW = expectType(IPCTNL_MSG_EXP_NEW);
    private static final int EXP_DELETE = expectType(IPCTNL_MSG_EXP_DELETE);

    private final NetlinkSocket socket;
    private final Set<EventType> types;
    private final ExpectationFilter filter;
    private final ExpectationListener listener;
    private final NetworkNamespace namespace;
    private final NamespaceId namespaceIdentity;
    private final Consumer<ExpectationSubscription> onEnd;
    private final Thread reader;
    private final AddressCache addresses = new AddressCache();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private volatile boolean open = true;
    private volatile ConntrackException endReason;

    private ExpectationSubscription(NetlinkSocket socket, Set<EventType> types, ExpectationFilter filter,
                                    ExpectationListener listener, NetworkNamespace namespace, NamespaceId identity,
                                    Consumer<ExpectationSubscription> onEnd) {
        this.socket = socket;
        this.types = Set.copyOf(types);
        this.filter = filter;
        this.listener = listener;
        this.namespace = namespace;
        this.namespaceIdentity = identity;
        this.onEnd = onEnd;
        this.reader = new Thread(this::run, "jconntrack-expect-events" + (namespace == null ? "" : "-" + namespace));
        this.reader.setDaemon(true);
    }

    static ExpectationSubscription start(String netns, Set<EventType> types, ExpectationFilter filter,
                                         ExpectationListener listener, int bufferSize,
                                         Consumer<ExpectationSubscription> onEnd) throws NetlinkIOException {
        NetworkNamespace ns = netns == null ? null : NetworkNamespace.of(netns);
        NamespaceId identity = ns == null ? null : ns.identity();
        NetlinkSocket socket = ns == null ? NetlinkSocket.open(bufferSize, EventSubscription.POLL_MILLIS)
                : ns.openSocket(identity, bufferSize, EventSubscription.POLL_MILLIS);
        try {
            if (types.contains(EventType.NEW)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_EXP_NEW);
            }
            if (types.contains(EventType.UPDATE)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_EXP_UPDATE);
            }
            if (types.contains(EventType.DESTROY)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_EXP_DESTROY);
            }
        } catch (NetlinkIOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        ExpectationSubscription s = new ExpectationSubscription(socket, types, filter, listener, ns, identity, onEnd);
        s.reader.start();
        return s;
    }

    private void run() {
        ConntrackException failure = null;
        try {
            while (open) {
                ByteBuffer buf;
                try {
                    buf = socket.receive();
                } catch (NetlinkIOException e) {
                    if (e.errno() == Errno.ETIMEDOUT || e.errno() == Errno.EINTR) {
                        failure = namespaceGone();
                        if (failure != null) {
                            break;
                        }
                        continue;
                    }
                    if (e.errno() == Errno.ENOBUFS) {
                        overflow();
                        continue;
                    }
                    if (open) {
                        failure = Failures.of("expectation events", e, namespaceName(), null);
                    }
                    break;
                }
                deliver(buf);
            }
        } catch (RuntimeException | Error e) {
            failure = new ConntrackException("expectation events", ConntrackException.NO_ERRNO, null,
                    "event reader failed: " + e, null, namespaceName(), null, e);
        } finally {
            boolean wasOpen = open;
            open = false;
            socket.close();
            onEnd.accept(this);
            if (!wasOpen && endReason != null) {
                failure = endReason;
                wasOpen = true;
            }
            if (wasOpen && failure != null) {
                try {
                    listener.onError(failure);
                } catch (RuntimeException e) {
                    LOG.warn("jconntrack: expectation listener failed in onError", e);
                }
            }
        }
    }

    private void deliver(ByteBuffer buf) {
        MessageCursor m = new MessageCursor(buf);
        try {
            while (m.next()) {
                EventType type;
                if (m.type() == EXP_DELETE) {
                    type = EventType.DESTROY;
                } else if (m.type() == EXP_NEW) {
                    type = EventType.NEW;
                } else {
                    continue;
                }
                Expectation x = ExpectationCodec.decode(m, addresses);
                if (!types.contains(type) || !filter.matches(x)) {
                    continue;
                }
                delivered.incrementAndGet();
                try {
                    listener.onEvent(new ExpectationEvent(type, x, m.pid()));
                } catch (RuntimeException e) {
                    LOG.warn("jconntrack: expectation listener failed; the subscription goes on", e);
                }
            }
        } catch (MalformedMessageException e) {
            LOG.warn("jconntrack: skipped a malformed expectation event: {}", e.getMessage());
        }
    }

    private void overflow() {
        long n = overflows.incrementAndGet();
        try {
            listener.onOverflow(n);
        } catch (RuntimeException e) {
            LOG.warn("jconntrack: expectation listener failed in onOverflow", e);
        }
    }

    private ConntrackException namespaceGone() {
        if (namespace == null) {
            return null;
        }
        try {
            if (namespace.identity().equals(namespaceIdentity)) {
                return null;
            }
        } catch (NetlinkIOException e) {
            // fall through: the namespace file is gone
        }
        return new ConntrackException("expectation events", Errno.ENOENT, "ENOENT", "network namespace '"
                + namespace + "' was deleted; the subscription ended and released it", null, namespace.name(),
                null, null);
    }

    String namespaceName() {
        return namespace == null ? null : namespace.name();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long overflows() {
        return overflows.get();
    }

    /** Ends the subscription because its service closed; the listener hears of it through onError. */
    void end(ConntrackException reason) {
        endReason = reason;
        close();
    }

    @Override
    public void close() {
        open = false;
        if (Thread.currentThread() != reader) {
            Threads.joinUninterruptibly(reader);
        }
    }
}
