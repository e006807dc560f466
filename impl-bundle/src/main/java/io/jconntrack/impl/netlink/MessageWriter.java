package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_F_NESTED;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes netlink messages into a growing buffer: the header in host byte order, as netlink wants, then a protocol's
 * fixed header and attributes, whose byte order each put method names. Several messages may be written back to back
 * to be sent in one datagram.
 */
public final class MessageWriter {
    private ByteBuffer buf;
    private int messageStart = -1;

    public MessageWriter(int initialCapacity) {
        buf = ByteBuffer.allocate(initialCapacity).order(ByteOrder.nativeOrder());
    }

    /**
     * Starts a message: its nlmsghdr with the flags given, complete as it is sent (nothing is patched later but the
     * length). The protocol's fixed header follows through {@link #appendU8} and {@link #appendBe16}.
     */
    public MessageWriter begin(int type, int flags, int seq) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message not ended");
        }
        ensure(NLMSG_HDRLEN);
        messageStart = buf.position();
        buf.putInt(0); // nlmsg_len, patched in end()
        buf.putShort((short) type);
        buf.putShort((short) flags);
        buf.putInt(seq);
        buf.putInt(0); // nlmsg_pid 0: addressed to the kernel
        return this;
    }

    /** One byte of a fixed header (no attribute header, no padding). */
    public MessageWriter appendU8(int value) {
        ensure(1);
        buf.put((byte) value);
        return this;
    }

    /** A big-endian 16-bit field of a fixed header (no attribute header, no padding). */
    public MessageWriter appendBe16(int value) {
        ensure(2);
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) value).order(ByteOrder.nativeOrder());
        return this;
    }

    /** Ends the current message, patching its length. */
    public MessageWriter end() {
        buf.putInt(messageStart, buf.position() - messageStart);
        messageStart = -1;
        return this;
    }

    /** Starts a nested attribute; pass the returned offset to {@link #endNested(int)}. */
    public int beginNested(int type) {
        ensure(NLA_HDRLEN);
        int start = buf.position();
        buf.putShort((short) 0);
        buf.putShort((short) (type | NLA_F_NESTED));
        return start;
    }

    public MessageWriter endNested(int start) {
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    public MessageWriter putU8(int type, int value) {
        header(type, 1);
        buf.put((byte) value);
        return pad(1);
    }

    public MessageWriter putBe16(int type, int value) {
        header(type, 2);
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) value).order(ByteOrder.nativeOrder());
        return pad(2);
    }

    public MessageWriter putBe32(int type, long value) {
        header(type, 4);
        buf.order(ByteOrder.BIG_ENDIAN).putInt((int) value).order(ByteOrder.nativeOrder());
        return this;
    }

    /** A u32 in host byte order, as {@code nla_put_u32} writes it. */
    public MessageWriter putU32(int type, long value) {
        header(type, 4);
        buf.putInt((int) value);
        return this;
    }

    /** A NUL-terminated string, as {@code nla_put_string} writes it. */
    public MessageWriter putString(int type, String value) {
        byte[] text = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] z = java.util.Arrays.copyOf(text, text.length + 1);
        return putBytes(type, z);
    }

    public MessageWriter putBytes(int type, byte[] value) {
        header(type, value.length);
        buf.put(value);
        return pad(value.length);
    }

    /** Bytes written so far. */
    public int length() {
        return buf.position();
    }

    /** Number of bytes written; the content is {@code [0, length())} of {@link #buffer()}. */
    public ByteBuffer buffer() {
        return buf;
    }

    public void clear() {
        buf.clear();
        messageStart = -1;
    }

    /** A copy of the bytes written, for tests and golden comparisons. */
    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        return out;
    }

    private void header(int type, int payloadLength) {
        ensure(NLA_HDRLEN + align(payloadLength));
        buf.putShort((short) (NLA_HDRLEN + payloadLength));
        buf.putShort((short) type);
    }

    private MessageWriter pad(int payloadLength) {
        for (int i = payloadLength; i < align(payloadLength); i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more))
                    .order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
