package io.jconntrack.impl.service;

import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.SocketPool;

/**
 * The way to the kernel of one namespace: borrows a pooled socket for one exchange and gives it back only after a
 * clean finish, turning transport and decoding failures into {@link io.jconntrack.api.ConntrackException}s.
 */
final class Channel {
    /** Initial size of a single request's buffer (it grows when needed). */
    private static final int REQUEST_CAPACITY = 256;

    /** Writes one request with the sequence number and netlink flags given. */
    interface Request {
        void encode(MessageWriter w, int seq, int flags);
    }

    /** The body of one exchange on a borrowed socket. */
    interface Exchange<R> {
        R run(NetlinkSocket socket) throws NetlinkIOException, MalformedMessageException;
    }

    final Transport transport;
    final String netns;

    Channel(Transport transport, String netns) {
        this.transport = transport;
        this.netns = netns;
    }

    /**
     * Sends one request with {@code flags} and hands the replies of its sequence number to {@code reply} until it
     * says the exchange is complete; returns the reply's result. The socket goes back to the pool before the result
     * is asked for, so a reply that records a kernel error (and throws it from its result) keeps the socket; one that
     * throws while receiving discards it.
     */
    <R> R request(String operation, Tuple tuple, int flags, Request request, Reply<R> reply) {
        exchange(operation, tuple, socket -> {
            MessageWriter w = new MessageWriter(REQUEST_CAPACITY);
            int seq = socket.nextSeq();
            request.encode(w, seq, flags);
            socket.send(w.buffer(), w.length());
            MessageLoop.run(socket, seq, seq, reply);
            return null;
        });
        return reply.result();
    }

    /** Runs {@code body} on a borrowed socket: for dumps and pipelines, which send and receive many times. */
    <R> R exchange(String operation, Tuple tuple, Exchange<R> body) {
        return exchange(operation, tuple, SocketPool.Use.SHORT, body);
    }

    /**
     * As {@link #exchange}, for a dump that hands entries to the caller's consumer: its pace is the caller's, so it
     * may not take the last sockets of the pool (see {@link SocketPool}).
     */
    <R> R stream(String operation, Exchange<R> body) {
        return exchange(operation, null, SocketPool.Use.STREAM, body);
    }

    /** Runs {@code body} on a socket borrowed for {@code use}. */
    <R> R exchange(String operation, Tuple tuple, SocketPool.Use use, Exchange<R> body) {
        SocketPool.Lease lease = transport.acquire(operation, netns, use);
        boolean reusable = false;
        try {
            R r = body.run(lease.socket());
            reusable = true;
            return r;
        } catch (NetlinkIOException e) {
            throw Failures.of(operation, e, netns, tuple);
        } catch (MalformedMessageException e) {
            throw Failures.malformed(operation, e, netns);
        } finally {
            transport.release(lease, reusable);
        }
    }

    /** A socket outside the pool, closed by the caller (see {@link Transport#openDedicated}). */
    NetlinkSocket openDedicated(String operation) {
        return transport.openDedicated(operation, netns);
    }

    int batchSize() {
        return transport.options.batchSize();
    }
}
