package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSGERR_ATTR_MSG;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_ACK_TLVS;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CAPPED;
import static io.jconntrack.impl.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An {@code NLMSG_ERROR} message: the errno (0 for a plain acknowledgement), the sequence number of the request it
 * answers, and the extended-ack message when the kernel sent one.
 */
public record NetlinkError(int errno, int requestSeq, String message) {

    /** Decodes the {@code struct nlmsgerr} payload of the message the cursor is on. */
    public static NetlinkError decode(MessageCursor m) throws MalformedMessageException {
        ByteBuffer buf = m.buffer().order(ByteOrder.nativeOrder());
        int p = m.payloadStart();
        if (m.payloadLength() < NetlinkConstants.NLMSGERR_SIZE) {
            throw new MalformedMessageException("NLMSG_ERROR of " + m.payloadLength() + " bytes");
        }
        int error = buf.getInt(p);
        int requestLength = buf.getInt(p + 4);
        int requestSeq = buf.getInt(p + 4 + 8);
        String message = null;
        if ((m.flags() & NLM_F_ACK_TLVS) != 0) {
            // Without NLM_F_CAPPED the whole request is echoed before the TLVs.
            int echoed = (m.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : align(requestLength);
            int tlvStart = p + 4 + echoed;
            if (tlvStart <= m.end()) {
                AttributeCursor a = new AttributeCursor(buf, tlvStart, m.end(), NetlinkConstants.NLMSGERR_ATTRS);
                while (a.next()) {
                    if (a.type() == NLMSGERR_ATTR_MSG) {
                        message = a.string();
                    }
                }
            }
        }
        // The kernel sends a negative errno.
        return new NetlinkError(-error, requestSeq, message);
    }

    public boolean isAck() {
        return errno == 0;
    }
}
