package io.jconntrack.impl.ctnetlink;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import java.nio.ByteOrder;

/**
 * {@code struct nfgenmsg}, the fixed header of every nfnetlink message after the nlmsghdr: u8 family, u8 version,
 * be16 res_id.
 */
public record NfGenMsg(int family, int version, int resId) {
    public static final int SIZE = NfnetlinkConstants.NFGENMSG_SIZE;

    public void encode(MessageWriter w) {
        w.appendU8(family).appendU8(version).appendBe16(resId);
    }

    public static NfGenMsg decode(MessageCursor m) throws MalformedMessageException {
        int p = check(m);
        return new NfGenMsg(Byte.toUnsignedInt(m.buffer().get(p)), Byte.toUnsignedInt(m.buffer().get(p + 1)),
                Short.toUnsignedInt(m.buffer().order(ByteOrder.BIG_ENDIAN).getShort(p + 2)));
    }

    /** Only the family, without allocating (the hot path of a dump). */
    static int family(MessageCursor m) throws MalformedMessageException {
        return Byte.toUnsignedInt(m.buffer().get(check(m)));
    }

    /** Offset of the message's first attribute. */
    static int attributesStart(MessageCursor m) {
        return m.payloadStart() + SIZE;
    }

    private static int check(MessageCursor m) throws MalformedMessageException {
        if (m.payloadLength() < SIZE) {
            throw new MalformedMessageException("nfnetlink message of " + m.payloadLength()
                    + " bytes, too short for nfgenmsg");
        }
        return m.payloadStart();
    }
}
