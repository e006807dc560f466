package io.jconntrack.impl.service;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_NOOP;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_OVERRUN;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Receives datagrams and hands each message of the expected sequence range to a handler, until the handler says
 * the exchange is complete. Messages of other sequence numbers (late replies to an abandoned request) are skipped.
 */
final class MessageLoop {
    /** What a handler is told about each message. */
    interface Handler {
        /** A data message (not DONE, not ERROR). */
        void onMessage(MessageCursor m) throws MalformedMessageException;

        /** An NLMSG_ERROR: errno 0 is an acknowledgement. Return true when the exchange is complete. */
        boolean onError(NetlinkError error) throws MalformedMessageException;

        /** NLMSG_DONE of a dump, with the error code it carries (0 normally). Return true when complete. */
        boolean onDone(int error, int flags);
    }

    private MessageLoop() {
    }

    static void run(NetlinkSocket socket, int firstSeq, int lastSeq, Handler handler)
            throws NetlinkIOException, MalformedMessageException {
        while (!dispatch(socket.receive(), firstSeq, lastSeq, handler)) {
            // next datagram
        }
    }

    /**
     * Hands the messages of one received datagram to the handler.
     *
     * @return true when the handler said the exchange is complete
     */
    static boolean dispatch(ByteBuffer buf, int firstSeq, int lastSeq, Handler handler)
            throws MalformedMessageException {
        MessageCursor m = new MessageCursor(buf);
        while (m.next()) {
            int seq = m.seq();
            if (seq - firstSeq < 0 || seq - lastSeq > 0) {
                continue;
            }
            switch (m.type()) {
                case NLMSG_NOOP:
                case NLMSG_OVERRUN:
                    break;
                case NLMSG_ERROR:
                    if (handler.onError(NetlinkError.decode(m))) {
                        return true;
                    }
                    break;
                case NLMSG_DONE: {
                    int error = m.payloadLength() >= 4
                            ? buf.order(ByteOrder.nativeOrder()).getInt(m.payloadStart()) : 0;
                    if (handler.onDone(-error, m.flags())) {
                        return true;
                    }
                    break;
                }
                default:
                    handler.onMessage(m);
            }
        }
        return false;
    }
}
