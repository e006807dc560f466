package io.jconntrack.impl.service;


import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.Subscription;
import io.jconntrack.impl.Threads;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NamespaceId;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event subscription, of entries or of expectations ({@link EventKind}): its own socket (joined to the groups of
 * the wanted event types, with a kernel socket filter where the kind has one) and two threads. The receiver
 * ({@link EventReceiver}) only drains the socket into a bounded
 * {@link EventHandOff}; the dispatcher decodes, filters and delivers the events in kernel order and tells the
 * listener of lost events where they happened in the stream. So a burst waits in the heap as compact datagrams
 * instead of overflowing the kernel's buffer while an event is decoded, and a listener slower than the kernel makes
 * the kernel drop and report, not the heap grow. The receiver wakes every {@link #POLL_MILLIS} to notice a close or
 * a deleted namespace, so a subscription never pins a namespace that is gone.
 */
final class EventSubscription<E> implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscription.class);
    static final int POLL_MILLIS = 250;
    /** The first subscription refused SO_RCVBUFFORCE says so at WARN, later ones at DEBUG. */
    private static final AtomicBoolean CAPPED_BUFFER_LOGGED = new AtomicBoolean();

    private final EventKind<E> kind;
    private final NetworkNamespace namespace;
    private final Consumer<EventSubscription<?>> onEnd;
    private final EventHandOff handOff;
    private final EventReceiver receiving;
    private final Thread receiver;
    private final Thread dispatcher;
    private final int grantedBufferSize;
    private final AddressCache addresses = new AddressCache(); // used by the dispatcher thread only
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong droppedInJava = new AtomicLong();
    private volatile boolean open = true;
    /** Why the owner ended the subscription (service closed); reported to the listener. */
    private volatile ConntrackException endReason;

    private EventSubscription(NetlinkSocket socket, EventKind<E> kind, NetworkNamespace namespace,
                              NamespaceId namespaceIdentity, int bufferSize, int maxBufferSize, int grantedBufferSize,
                              Consumer<EventSubscription<?>> onEnd) {
        this.grantedBufferSize = grantedBufferSize;
        this.kind = kind;
        this.namespace = namespace;
        this.onEnd = onEnd;
        this.handOff = new EventHandOff(Math.max(bufferSize, DatagramBatch.CAPACITY));
        this.receiving = new EventReceiver(kind.operation(), socket, handOff, this::isOpen, namespace,
                namespaceIdentity, bufferSize, maxBufferSize, overflows);
        String suffix = namespace == null ? "" : "-" + namespace;
        this.receiver = new Thread(receiving, kind.threadName() + "-receiver" + suffix);
        this.receiver.setDaemon(true);
        this.dispatcher = new Thread(this::dispatch, kind.threadName() + suffix);
        this.dispatcher.setDaemon(true);
    }

    /**
     * Opens the socket, joins the groups, attaches the filter and starts the threads; {@code onEnd} is told, on the
     * dispatching thread, when the subscription has ended and closed its socket.
     *
     * @param bufferSize SO_RCVBUF of the socket (forced past net.core.rmem_max where allowed), and the bytes of
     *     received datagrams the hand-off holds while the listener catches up
     */
    static <E> EventSubscription<E> start(String netns, EventKind<E> kind, int bufferSize, int maxBufferSize,
                                          Consumer<EventSubscription<?>> onEnd) throws NetlinkIOException {
        NetworkNamespace ns = netns == null ? null : NetworkNamespace.of(netns);
        NamespaceId identity = ns == null ? null : ns.identity();
        NetlinkSocket socket = ns == null ? NetlinkSocket.open(bufferSize, POLL_MILLIS)
                : ns.openSocket(identity, bufferSize, POLL_MILLIS);
        int granted;
        try {
            granted = grantedBufferSize(socket, bufferSize, netns);
            kind.join(socket);
        } catch (NetlinkIOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        EventSubscription<E> s = new EventSubscription<>(socket, kind, ns, identity, bufferSize, maxBufferSize,
                granted, onEnd);
        s.receiver.start();
        s.dispatcher.start();
        return s;
    }

    /**
     * The SO_RCVBUF the kernel granted, and a logged note when it is less than asked: SO_RCVBUFFORCE needs
     * CAP_NET_ADMIN in the initial user namespace (a container's root may lack it), and the plain SO_RCVBUF it falls
     * back to is capped at net.core.rmem_max. The kernel reports twice the size set (its bookkeeping share), hence
     * the factor.
     */
    private static int grantedBufferSize(NetlinkSocket socket, int asked, String netns) throws NetlinkIOException {
        int granted = socket.receiveBufferSize() / 2;
        if (granted >= asked) {
            return granted;
        }
        String note = "jconntrack: event subscription" + (netns == null ? "" : " in '" + netns + "'")
                + ": SO_RCVBUFFORCE was refused (it needs CAP_NET_ADMIN in the initial user namespace), so the "
                + "receive buffer is " + granted + " bytes (net.core.rmem_max) instead of eventBufferSize " + asked
                + "; bursts of events are more likely to be lost (reported through onOverflow). Raise "
                + "net.core.rmem_max to at least " + asked + " to get the configured size.";
        if (CAPPED_BUFFER_LOGGED.compareAndSet(false, true)) {
            LOG.warn(note);
        } else {
            LOG.debug(note);
        }
        return granted;
    }

    /** The dispatcher: takes what the receiver handed over and delivers it, until the subscription ends. */
    private void dispatch() {
        ConntrackException failure = null;
        try {
            while (open) {
                EventHandOff.Item item = handOff.poll(POLL_MILLIS);
                if (item instanceof EventHandOff.Datagrams d) {
                    try {
                        DatagramBatch.forEach(d.packed(), this::deliver);
                    } finally {
                        handOff.release(d);
                    }
                } else if (item instanceof EventHandOff.Overflow o) {
                    overflow(o.count());
                } else if (item instanceof EventHandOff.End e) {
                    failure = e.failure();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Failures.errno(kind.operation(), Errno.EINTR, "event dispatcher interrupted")
                    .namespace(namespaceName()).cause(e).build();
        } catch (RuntimeException | Error e) {
            failure = ConntrackException.failed(kind.operation(), "event dispatcher failed: " + e)
                    .namespace(namespaceName()).cause(e).build();
        } finally {
            boolean wasOpen = open;
            open = false;
            Threads.joinUninterruptibly(receiver); // it sees open == false within POLL_MILLIS and closes the socket
            onEnd.accept(this);
            if (!wasOpen && endReason != null) {
                failure = endReason;
                wasOpen = true;
            }
            if (wasOpen && failure != null) {
                try {
                    kind.listener().onError(failure);
                } catch (RuntimeException e) {
                    LOG.warn("jconntrack: event listener failed in onError", e);
                }
            }
        }
    }

    private void deliver(ByteBuffer buf) {
        if (!open) {
            return; // closed: nothing more reaches the listener
        }
        MessageCursor m = new MessageCursor(buf);
        try {
            while (m.next()) {
                E event = kind.decode(m, addresses);
                if (event == null) {
                    continue;
                }
                if (!kind.wanted(event)) {
                    droppedInJava.incrementAndGet();
                    continue;
                }
                delivered.incrementAndGet();
                try {
                    kind.listener().onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("jconntrack: event listener failed; the subscription goes on", e);
                }
            }
        } catch (MalformedMessageException e) {
            LOG.warn("jconntrack: skipped a malformed event message: {}", e.getMessage());
        }
    }

    /** The kernel dropped events: tell the listener (the receiver has already grown the buffer). */
    private void overflow(long count) {
        if (!open) {
            return;
        }
        try {
            kind.listener().onOverflow(count);
        } catch (RuntimeException e) {
            LOG.warn("jconntrack: event listener failed in onOverflow", e);
        }
    }

    String namespace() {
        return namespaceName();
    }

    /** The operation named in this subscription's failures. */
    String operation() {
        return kind.operation();
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

    /** SO_RCVBUF as last set (it grows after overflows). */
    int bufferSize() {
        return receiving.bufferSize();
    }

    /** The SO_RCVBUF the kernel granted at the start (less than asked when SO_RCVBUFFORCE was refused). */
    int grantedBufferSize() {
        return grantedBufferSize;
    }

    /** Bytes of received datagrams the hand-off may hold. */
    int handOffCapacity() {
        return handOff.capacity();
    }

    /** The most bytes of received datagrams the hand-off held at once. */
    int handOffPeak() {
        return handOff.peak();
    }

    /** Ends the subscription because its service closed; the listener hears of it through onError. */
    void end(ConntrackException reason) {
        endReason = reason;
        close();
    }

    /**
     * Stops both threads and waits for them (the socket is closed when this returns). From the listener itself it
     * waits for the receiver only; the dispatcher ends when the listener returns.
     */
    @Override
    public void close() {
        open = false;
        if (Thread.currentThread() != dispatcher) {
            Threads.joinUninterruptibly(dispatcher);
        } else {
            Threads.joinUninterruptibly(receiver);
        }
    }
}
