package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Walks the netlink messages of one received datagram, checking each {@code nlmsg_len} against what is left. */
public final class MessageCursor {
    private final ByteBuffer buf;
    private final int end;
    private int next;
    private int start;
    private int length;
    private int type;
    private int flags;
    private int seq;
    private int pid;

    /** Walks {@code [0, limit)} of the buffer. */
    public MessageCursor(ByteBuffer buf) {
        this.buf = buf;
        this.end = buf.limit();
    }

    public boolean next() throws MalformedMessageException {
        if (next >= end) {
            return false;
        }
        if (end - next < NLMSG_HDRLEN) {
            throw new MalformedMessageException((end - next) + " trailing bytes, too short for a message header");
        }
        buf.order(ByteOrder.nativeOrder());
        int len = buf.getInt(next);
        if (len < NLMSG_HDRLEN || len > end - next) {
            throw new MalformedMessageException("message length " + Integer.toUnsignedString(len) + " with "
                    + (end - next) + " bytes left");
        }
        start = next;
        length = len;
        type = Short.toUnsignedInt(buf.getShort(next + 4));
        flags = Short.toUnsignedInt(buf.getShort(next + 6));
        seq = buf.getInt(next + 8);
        pid = buf.getInt(next + 12);
        next = Math.min(end, next + align(len));
        return true;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public int seq() {
        return seq;
    }

    /** {@code nlmsg_pid}: in a multicast message, the port id of the sender whose request caused it (0: kernel). */
    public long pid() {
        return Integer.toUnsignedLong(pid);
    }

    /** Offset of the message's payload (after the nlmsghdr). */
    public int payloadStart() {
        return start + NLMSG_HDRLEN;
    }

    public int end() {
        return start + length;
    }

    public int payloadLength() {
        return length - NLMSG_HDRLEN;
    }

    public ByteBuffer buffer() {
        return buf;
    }
}
