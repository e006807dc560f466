package io.jconntrack.impl.service;

import io.jconntrack.impl.Threads;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_ERROR;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The rest of a dump received on a helper thread while the calling thread decodes. The kernel fills each dump
 * datagram inside {@code recvmsg}, so with one thread the kernel's work and the decoding add up; here the helper
 * copies each datagram into one of a few heap buffers and hands it over, and the kernel fills the next one while the
 * caller decodes. Memory stays bounded ({@link #BUFFERS} buffers of {@link NetlinkSocket#READ_BUFFER_SIZE}); the
 * action still runs on the calling thread. The helper is always joined before this returns, so the socket has one
 * user again when it goes back to the pool.
 */
final class ReceiveAhead {
    static final int BUFFERS = 8;

    /** One received datagram, or the failure that ended receiving. */
    private record Chunk(byte[] data, int length, boolean last, Throwable failure) {
    }

    private final NetlinkSocket socket;
    private final int seq;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private volatile boolean cancelled;

    private ReceiveAhead(NetlinkSocket socket, int seq) {
        this.socket = socket;
        this.seq = seq;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[NetlinkSocket.READ_BUFFER_SIZE]);
        }
    }

    /** Receives until the dump of {@code seq} ends, dispatching each datagram to the handler on this thread. */
    static void run(NetlinkSocket socket, int seq, MessageLoop.Handler handler)
            throws NetlinkIOException, MalformedMessageException {
        new ReceiveAhead(socket, seq).consume(handler);
    }

    private void consume(MessageLoop.Handler handler) throws NetlinkIOException, MalformedMessageException {
        Thread receiver = new Thread(this::receive, "jconntrack-dump-receiver");
        receiver.setDaemon(true);
        receiver.start();
        try {
            while (true) {
                Chunk c = filled.take();
                if (c.failure() != null) {
                    if (c.failure() instanceof NetlinkIOException) {
                        throw (NetlinkIOException) c.failure();
                    }
                    if (c.failure() instanceof Error) {
                        throw (Error) c.failure();
                    }
                    throw (RuntimeException) c.failure();
                }
                ByteBuffer buf = ByteBuffer.wrap(c.data(), 0, c.length()).order(ByteOrder.nativeOrder());
                boolean complete = MessageLoop.dispatch(buf, seq, seq, handler);
                free.offer(c.data());
                if (complete) {
                    return;
                }
                if (c.last()) {
                    // The helper stopped at a DONE or ERROR the handler did not end on: read on inline.
                    Threads.joinUninterruptibly(receiver);
                    MessageLoop.run(socket, seq, seq, handler);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkIOException("dump interrupted", Errno.EINTR);
        } finally {
            // Normally the helper has already stopped at the dump's end; after a failure (the action threw) it
            // stops within one receive.
            cancelled = true;
            filled.clear();
            Threads.joinUninterruptibly(receiver);
        }
    }

    /** The helper: receive, copy, hand over, until the dump's DONE or ERROR, a failure, or cancellation. */
    private void receive() {
        try {
            while (!cancelled) {
                byte[] data = free.poll(100, TimeUnit.MILLISECONDS);
                if (data == null) {
                    continue;
                }
                ByteBuffer received = socket.receive();
                int length = received.limit();
                received.get(0, data, 0, length);
                boolean last = endsDump(received);
                while (!cancelled && !filled.offer(new Chunk(data, length, last, null), 100, TimeUnit.MILLISECONDS)) {
                    // the caller is busy with earlier datagrams
                }
                if (last) {
                    return;
                }
            }
        } catch (NetlinkIOException e) {
            handOver(e);
        } catch (InterruptedException e) {
            handOver(new NetlinkIOException("dump receiver interrupted", Errno.EINTR));
        } catch (RuntimeException | Error e) {
            // Errors too (OutOfMemoryError, LinkageError): a helper that ended silently would leave the caller
            // waiting for a datagram forever, holding its socket.
            handOver(e);
        }
    }

    private void handOver(Throwable failure) {
        Chunk c = new Chunk(null, 0, true, failure);
        try {
            while (!cancelled && !filled.offer(c, 100, TimeUnit.MILLISECONDS)) {
                // the caller is busy with earlier datagrams
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the datagram carries the dump's NLMSG_DONE or an NLMSG_ERROR for it (then nothing follows). */
    private boolean endsDump(ByteBuffer buf) {
        MessageCursor m = new MessageCursor(buf);
        try {
            while (m.next()) {
                if (m.seq() == seq && (m.type() == NLMSG_DONE || m.type() == NLMSG_ERROR)) {
                    return true;
                }
            }
            return false;
        } catch (MalformedMessageException e) {
            return true; // the caller fails on the same bytes with the decoder's message
        }
    }

}
