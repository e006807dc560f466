package io.jconntrack.impl.service;

import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends requests in batches, many per datagram: one round trip per batch instead of one per entry. Only the last
 * request of a batch asks for an acknowledgement ({@code NLM_F_ACK}); the kernel reports a failed request with an
 * error whether asked or not, and handles the messages of a datagram in order, so when the last one is answered
 * every earlier error has arrived and the requests without one succeeded. Asking for every acknowledgement cost one
 * {@code recv} per request (netlink delivers one message per datagram here) and a socket buffer per
 * acknowledgement in the kernel. A failed request does not stop the others.
 *
 * @param <T> the item a request is built from
 */
final class Pipeline<T> {
    /** Builds one request for an item into the writer, with the netlink flags given. */
    interface Encoder<T> {
        void encode(MessageWriter w, int seq, int flags, T item);
    }

    /** Receives each item's outcome: errno 0 for success. */
    interface Outcomes<T> {
        void onResult(T item, int errno, String kernelMessage);
    }

    private final NetlinkSocket socket;
    private final int batchSize;
    private final Encoder<T> encoder;
    private final Outcomes<T> outcomes;
    private final MessageWriter writer = new MessageWriter(64 * 1024);
    private final List<T> batch;
    private int pending;

    Pipeline(NetlinkSocket socket, int batchSize, Encoder<T> encoder, Outcomes<T> outcomes) {
        this.socket = socket;
        this.batchSize = batchSize;
        this.encoder = encoder;
        this.outcomes = outcomes;
        this.batch = new ArrayList<>(batchSize);
    }

    /** Queues an item; sends the batch when it is full. */
    void add(T item) throws NetlinkIOException, MalformedMessageException {
        batch.add(item);
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    /** Sends what is queued and waits for every acknowledgement. */
    void flush() throws NetlinkIOException, MalformedMessageException {
        if (batch.isEmpty()) {
            return;
        }
        writer.clear();
        int first = socket.nextSeq();
        int seq = first;
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                seq = socket.nextSeq();
            }
            encoder.encode(writer, seq, i == batch.size() - 1 ? Requests.ACKED : Requests.UNACKED, batch.get(i));
        }
        pending = batch.size();
        socket.send(writer.buffer(), writer.length());
        MessageLoop.run(socket, first, seq, new BatchReply(first, seq));
        batch.clear();
        pending = 0;
    }

    /** Matches the errors and the final acknowledgement of one sent batch to its items. */
    private final class BatchReply implements MessageLoop.Handler {
        private final int first;
        private final int last;
        private final boolean[] answered = new boolean[batch.size()];

        BatchReply(int first, int last) {
            this.first = first;
            this.last = last;
        }

        @Override
        public void onMessage(MessageCursor m) {
            // replies other than acknowledgements are not expected for these requests
        }

        @Override
        public boolean onError(NetlinkError error) {
            int index = error.requestSeq() - first;
            if (index >= 0 && index < answered.length) {
                answer(index, error.errno(), error.message());
            }
            if (index == 0 && error.errno() == Errno.EPERM) {
                // Without CAP_NET_ADMIN nfnetlink_rcv() refuses the whole datagram with one EPERM for its
                // first message and processes nothing: every request of the batch failed the same way.
                for (int i = 1; i < answered.length; i++) {
                    answer(i, Errno.EPERM, error.message());
                }
                return true;
            }
            if (error.requestSeq() == last) {
                // Every earlier request was handled before the last: those without an error succeeded.
                for (int i = 0; i < answered.length; i++) {
                    answer(i, 0, null);
                }
            }
            return pending == 0;
        }

        @Override
        public boolean onDone(int error, int flags) {
            return false;
        }

        private void answer(int index, int errno, String message) {
            if (!answered[index]) {
                answered[index] = true;
                pending--;
                outcomes.onResult(batch.get(index), errno, message);
            }
        }
    }

    /**
     * After a failure: requests sent whose outcome is unknown (no acknowledgement came), plus those queued but not
     * sent. Zero after a successful {@link #flush()}.
     */
    int unacknowledged() {
        return pending > 0 ? pending : batch.size();
    }
}
