package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.impl.Threads;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.EventFilterProgram;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.SocketFilter;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event subscription: its own socket (joined to the groups of the wanted event types, with a kernel socket
 * filter) and its own reader thread, which decodes, filters and delivers events in kernel order. The reader wakes
 * every {@link #POLL_MILLIS} to notice a close or a deleted namespace, so a subscription never pins a namespace
 * that is gone.
 */
final class EventSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
    static final int POLL_MILLIS = 250;
    private static final int CT_NEW = ctnetlinkType(IPCTNL_MSG_CT_NEW);
    private static final int CT_DELETE = ctnetlinkType(IPCTNL_MSG_CT_DELETE);

    private final NetlinkSocket socket;
    private final EventFilter filter;
    private final ConntrackListener listener;
    private final NetworkNamespace namespace;
    private final long namespaceIdentity;
    private final int maxBufferSize;
    private final Consumer<EventSubscription> onEnd;
    private final Thread reader;
    private final AddressCache addresses = new AddressCache(); // used by the reader thread only
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong droppedInJava = new AtomicLong();
    private volatile boolean open = true;
    /** Why the owner ended the subscription (service closed); reported to the listener. */
    private volatile ConntrackException endReason;
    private int bufferSize;

    private EventSubscription(NetlinkSocket socket, EventFilter filter, ConntrackListener listener,
                              NetworkNamespace namespace, long namespaceIdentity, int bufferSize, int maxBufferSize,
                              Consumer<EventSubscription> onEnd) {
        this.socket = socket;
        this.filter = filter;
        this.listener = listener;
        this.namespace = namespace;
        this.namespaceIdentity = namespaceIdentity;
        this.bufferSize = bufferSize;
        this.maxBufferSize = maxBufferSize;
        this.onEnd = onEnd;
        this.reader = new Thread(this::run, "jconntrack-events" + (namespace == null ? "" : "-" + namespace));
        this.reader.setDaemon(true);
    }

    /**
     * Opens the socket, joins the groups, attaches the filter and starts the reader; {@code onEnd} is told, on the
     * reader thread, when the subscription has ended and closed its socket.
     */
    static EventSubscription start(String netns, EventFilter filter, ConntrackListener listener, int bufferSize,
                                   int maxBufferSize, Consumer<EventSubscription> onEnd) throws NetlinkIOException {
        NetworkNamespace ns = netns == null ? null : NetworkNamespace.of(netns);
        long identity = ns == null ? 0 : ns.identity();
        NetlinkSocket socket = ns == null ? NetlinkSocket.open(bufferSize, POLL_MILLIS)
                : ns.openSocket(bufferSize, POLL_MILLIS);
        try {
            if (filter.types().contains(EventType.NEW)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_NEW);
            }
            if (filter.types().contains(EventType.UPDATE)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_UPDATE);
            }
            if (filter.types().contains(EventType.DESTROY)) {
                socket.joinGroup(NFNLGRP_CONNTRACK_DESTROY);
            }
            List<SocketFilter.Instruction> program = EventFilterProgram.forSelection(filter.selection());
            if (program != null) {
                socket.attachFilter(program);
            }
        } catch (NetlinkIOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        EventSubscription s = new EventSubscription(socket, filter, listener, ns, identity, bufferSize,
                maxBufferSize, onEnd);
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
                        failure = Failures.of("events", e, namespaceName(), null);
                    }
                    break;
                }
                deliver(buf);
            }
        } catch (RuntimeException | Error e) {
            failure = new ConntrackException("events", ConntrackException.NO_ERRNO, null,
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
                    LOG.warn("jconntrack: event listener failed in onError", e);
                }
            }
        }
    }

    private void deliver(ByteBuffer buf) {
        MessageCursor m = new MessageCursor(buf);
        try {
            while (m.next()) {
                EventType type;
                if (m.type() == CT_DELETE) {
                    type = EventType.DESTROY;
                } else if (m.type() == CT_NEW) {
                    type = (m.flags() & NLM_F_CREATE) != 0 ? EventType.NEW : EventType.UPDATE;
                } else {
                    continue;
                }
                ConntrackEntry entry = EntryCodec.decode(m, addresses);
                ConntrackEvent event = new ConntrackEvent(type, entry, m.pid());
                if (!filter.matches(event)) {
                    droppedInJava.incrementAndGet();
                    continue;
                }
                delivered.incrementAndGet();
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("jconntrack: event listener failed; the subscription goes on", e);
                }
            }
        } catch (MalformedMessageException e) {
            LOG.warn("jconntrack: skipped a malformed event message: {}", e.getMessage());
        }
    }

    /** The kernel dropped events: tell the listener, then grow the buffer (up to the maximum), as conntrackd does. */
    private void overflow() {
        long n = overflows.incrementAndGet();
        try {
            listener.onOverflow(n);
        } catch (RuntimeException e) {
            LOG.warn("jconntrack: event listener failed in onOverflow", e);
        }
        if (bufferSize < maxBufferSize) {
            bufferSize = (int) Math.min((long) bufferSize * 2, maxBufferSize);
            try {
                socket.setReceiveBufferSize(bufferSize);
            } catch (NetlinkIOException e) {
                LOG.warn("jconntrack: could not grow the event buffer to {} bytes: {}", bufferSize, e.getMessage());
            }
        }
    }

    private ConntrackException namespaceGone() {
        if (namespace == null) {
            return null;
        }
        try {
            if (namespace.identity() == namespaceIdentity) {
                return null;
            }
        } catch (NetlinkIOException e) {
            // fall through: the namespace file is gone
        }
        return new ConntrackException("events", Errno.ENOENT, "ENOENT", "network namespace '" + namespace
                + "' was deleted; the subscription ended and released it", null, namespace.name(), null, null);
    }

    String namespace() {
        return namespaceName();
    }

    private String namespaceName() {
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

    /** Events the kernel passed but the Java filter dropped (zero when the socket filter did all the work). */
    long droppedInJava() {
        return droppedInJava.get();
    }

    int bufferSize() {
        return bufferSize;
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
