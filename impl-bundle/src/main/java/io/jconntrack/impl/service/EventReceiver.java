package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NamespaceId;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of an event subscription, on a thread of its own: it only drains the socket into the
 * {@link EventHandOff}, taking every datagram already queued at each wakeup ({@code MSG_DONTWAIT}) into one batch,
 * so the kernel's buffer empties as fast as {@code recv} goes and the decoding happens on the dispatching thread.
 * An {@code ENOBUFS} is counted, handed over in its place in the stream and answered by growing the buffer (up to
 * the maximum), as conntrackd does. The socket is used by this thread only and closed by it when it ends.
 */
final class EventReceiver implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventReceiver.class);

    private final NetlinkSocket socket;
    private final EventHandOff handOff;
    private final BooleanSupplier open;
    private final NetworkNamespace namespace;
    private final NamespaceId namespaceIdentity;
    private final int maxBufferSize;
    private final AtomicLong overflows;
    private final DatagramBatch batch = new DatagramBatch();
    private volatile int bufferSize;

    /**
     * @param namespace the subscription's namespace, {@code null} for the process's own; checked at each receive
     *     timeout so that a deleted namespace is not pinned by the socket
     * @param overflows the subscription's overflow counter, incremented here
     */
    /** The subscription's operation, named in its failures. */
    private final String operation;

    EventReceiver(String operation, NetlinkSocket socket, EventHandOff handOff, BooleanSupplier open,
                  NetworkNamespace namespace, NamespaceId namespaceIdentity, int bufferSize, int maxBufferSize,
                  AtomicLong overflows) {
        this.operation = operation;
        this.socket = socket;
        this.handOff = handOff;
        this.open = open;
        this.namespace = namespace;
        this.namespaceIdentity = namespaceIdentity;
        this.bufferSize = bufferSize;
        this.maxBufferSize = maxBufferSize;
        this.overflows = overflows;
    }

    @Override
    public void run() {
        ConntrackException failure = null;
        try {
            failure = receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Failures.errno(operation, Errno.EINTR, "event receiver interrupted").namespace(namespaceName())
                    .cause(e).build();
        } catch (RuntimeException | Error e) {
            // Errors too: a receiver that ended silently would leave the dispatcher waiting for an end forever.
            failure = ConntrackException.failed(operation, "event receiver failed: " + e).namespace(namespaceName())
                    .cause(e).build();
        } finally {
            socket.close();
            handOff.notice(new EventHandOff.End(failure));
        }
    }

    /** Receives until the subscription closes or something ends it; returns why, {@code null} on close. */
    private ConntrackException receive() throws InterruptedException {
        while (open.getAsBoolean()) {
            ByteBuffer datagram;
            try {
                // Wait only with nothing in hand: what one wakeup found goes over as soon as the socket is empty.
                datagram = batch.isEmpty() ? socket.receive() : socket.receiveIfQueued();
            } catch (NetlinkIOException e) {
                if (e.errno() == Errno.ETIMEDOUT || e.errno() == Errno.EINTR) {
                    ConntrackException gone = namespaceGone();
                    if (gone != null) {
                        return gone;
                    }
                    continue;
                }
                // What came before the error goes first, so the listener hears of a loss where it happened.
                if (!handOver()) {
                    return null;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    overflow();
                    continue;
                }
                return open.getAsBoolean() ? Failures.of(operation, e, namespaceName(), null) : null;
            }
            if (datagram == null || !batch.fits(datagram)) {
                if (!handOver()) {
                    return null;
                }
            }
            if (datagram != null) {
                batch.add(datagram);
            }
        }
        return null;
    }

    /** Hands the batch over (waiting for room); false when the subscription closed meanwhile. */
    private boolean handOver() throws InterruptedException {
        return batch.isEmpty() || handOff.put(batch.drain(), open);
    }

    /** The kernel dropped events: count it, tell the dispatcher in stream order, grow the buffer. */
    private void overflow() {
        handOff.notice(new EventHandOff.Overflow(overflows.incrementAndGet()));
        if (bufferSize < maxBufferSize) {
            int grown = (int) Math.min((long) bufferSize * 2, maxBufferSize);
            try {
                socket.setReceiveBufferSize(grown);
                bufferSize = grown;
            } catch (NetlinkIOException e) {
                LOG.warn("jconntrack: could not grow the event buffer to {} bytes: {}", grown, e.getMessage());
            }
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
        return Failures.errno(operation, Errno.ENOENT, "network namespace '" + namespace
                + "' was deleted; the subscription ended and released it").namespace(namespace.name()).build();
    }

    private String namespaceName() {
        return namespace == null ? null : namespace.name();
    }

    /** The SO_RCVBUF last set (grown after overflows). */
    int bufferSize() {
        return bufferSize;
    }
}
