package io.jconntrack.impl.service;

import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.SocketPool;

/**
 * The way to the kernel of one namespace: borrows a pooled socket for one exchange and gives it back only after a
 * clean finish, turning transport and decoding failures into {@link io.jconntrack.api.ConntrackException}s.
 */
final class Channel {
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

    <R> R exchange(String operation, Tuple tuple, Exchange<R> body) {
        SocketPool.Lease lease = transport.acquire(operation, netns);
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

    /** A handler for one request: data ignored, an error fails the operation, the acknowledgement ends it. */
    AckHandler ackHandler(String operation) {
        return new AckHandler(operation);
    }

    /** See {@link #ackHandler}; subclasses look at the data messages. */
    class AckHandler implements MessageLoop.Handler {
        private final String operation;

        AckHandler(String operation) {
            this.operation = operation;
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
        }

        @Override
        public boolean onError(NetlinkError error) {
            if (error.isAck()) {
                return true;
            }
            throw Failures.kernel(operation, error.errno(), error.message(), netns, null);
        }

        @Override
        public boolean onDone(int error, int flags) {
            if (error != 0) {
                throw Failures.kernel(operation, error, null, netns, null);
            }
            return true;
        }
    }
}
