package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_F_NESTED;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_TYPE_MASK;
import static io.jconntrack.impl.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Walks the attributes of one region of a buffer, checking every length against the region. Fixed-size reads
 * require the payload to be exactly the type's size, as mdlayher/netlink's decoder does: a 4-byte attribute read as
 * 16 bits is a {@link MalformedMessageException} naming the attribute, not its first two bytes. Reads are absolute,
 * so the buffer's position is never touched; nested attributes are walked with {@link #nested(AttributeNames)}.
 */
public final class AttributeCursor {
    private final ByteBuffer buf;
    private final int end;
    private final AttributeNames names;
    private int next;
    private int type;
    private int payload;
    private int payloadLength;
    private boolean nestedFlag;

    /** Walks {@code [start, end)} of the buffer; attributes are named by number in errors. */
    public AttributeCursor(ByteBuffer buf, int start, int end) throws MalformedMessageException {
        this(buf, start, end, AttributeNames.NUMBERED);
    }

    public AttributeCursor(ByteBuffer buf, int start, int end, AttributeNames names)
            throws MalformedMessageException {
        if (start < 0 || end > buf.limit() || start > end) {
            throw new MalformedMessageException("attribute region " + start + ".." + end + " outside the message");
        }
        this.buf = buf;
        this.end = end;
        this.names = names;
        this.next = start;
    }

    /** Moves to the next attribute; false at the end of the region. */
    public boolean next() throws MalformedMessageException {
        if (next >= end) {
            return false;
        }
        if (end - next < NLA_HDRLEN) {
            throw new MalformedMessageException((end - next) + " trailing bytes, too short for an attribute header");
        }
        int len = Short.toUnsignedInt(buf.order(ByteOrder.nativeOrder()).getShort(next));
        int rawType = Short.toUnsignedInt(buf.getShort(next + 2));
        if (len < NLA_HDRLEN || len > end - next) {
            throw new MalformedMessageException(names.nameOf(rawType & NLA_TYPE_MASK) + " has length " + len
                    + " with " + (end - next) + " bytes left");
        }
        type = rawType & NLA_TYPE_MASK;
        nestedFlag = (rawType & NLA_F_NESTED) != 0;
        payload = next + NLA_HDRLEN;
        payloadLength = len - NLA_HDRLEN;
        // The last attribute may omit its padding.
        next = Math.min(end, next + align(len));
        return true;
    }

    /** Type of the current attribute with the nested and byte-order flags masked off. */
    public int type() {
        return type;
    }

    /** Name of the current attribute, as its space names it. */
    public String name() {
        return names.nameOf(type);
    }

    public boolean isNestedFlagSet() {
        return nestedFlag;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Offset of the current attribute's payload in {@link #buffer()}. */
    public int payloadOffset() {
        return payload;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    /** The attributes nested in the current one, named by number. */
    public AttributeCursor nested() throws MalformedMessageException {
        return nested(AttributeNames.NUMBERED);
    }

    /** The attributes nested in the current one, which form the attribute space {@code inner}. */
    public AttributeCursor nested(AttributeNames inner) throws MalformedMessageException {
        return new AttributeCursor(buf, payload, payload + payloadLength, inner);
    }

    public int u8() throws MalformedMessageException {
        exactly(1);
        return Byte.toUnsignedInt(buf.get(payload));
    }

    public int be16() throws MalformedMessageException {
        exactly(2);
        return Short.toUnsignedInt(buf.order(ByteOrder.BIG_ENDIAN).getShort(payload));
    }

    public long be32() throws MalformedMessageException {
        exactly(4);
        return Integer.toUnsignedLong(buf.order(ByteOrder.BIG_ENDIAN).getInt(payload));
    }

    /** A u32 in host byte order. */
    public long u32() throws MalformedMessageException {
        exactly(4);
        return Integer.toUnsignedLong(buf.order(ByteOrder.nativeOrder()).getInt(payload));
    }

    public long be64() throws MalformedMessageException {
        exactly(8);
        return buf.order(ByteOrder.BIG_ENDIAN).getLong(payload);
    }

    /** Exactly {@code length} bytes. */
    public byte[] bytes(int length) throws MalformedMessageException {
        exactly(length);
        return bytes();
    }

    public byte[] bytes() {
        byte[] out = new byte[payloadLength];
        buf.get(payload, out);
        return out;
    }

    /** A NUL-terminated string (the terminator and anything after it dropped). */
    public String string() {
        int len = 0;
        while (len < payloadLength && buf.get(payload + len) != 0) {
            len++;
        }
        byte[] out = new byte[len];
        buf.get(payload, out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Fails unless the payload is exactly {@code size} bytes. */
    public void exactly(int size) throws MalformedMessageException {
        if (payloadLength != size) {
            throw new MalformedMessageException(name() + " has " + payloadLength + " bytes, expected " + size);
        }
    }
}
