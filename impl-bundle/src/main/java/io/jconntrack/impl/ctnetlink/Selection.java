package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.impl.netlink.MessageWriter;
import java.net.InetAddress;

/**
 * The attributes that select entries in a dump or a flush request: {@code CTA_MARK}/{@code CTA_MARK_MASK},
 * {@code CTA_STATUS}/{@code CTA_STATUS_MASK}, a top-level {@code CTA_ZONE}, and a {@code CTA_FILTER} naming the
 * fields of the original and reply tuples to compare ({@code CTA_FILTER_F_*}) with the tuples carrying them. Which
 * of these a request should carry is decided above this layer, from what the running kernel applies.
 *
 * @param family the nfgenmsg family ({@code AF_UNSPEC} for both)
 * @param mark the mark to match under {@code markMask}, or null
 * @param statusBits {@code IPS_*} bits that must all be set, or null
 * @param zone the zone, or null
 * @param original the original tuple's fields to compare
 * @param reply the reply tuple's fields to compare
 */
public record Selection(int family, Long mark, long markMask, Long statusBits, Integer zone, Tuple original,
                        Tuple reply) {
    /** Everything, of both families. */
    public static final Selection ALL = new Selection(NfnetlinkConstants.AF_UNSPEC, null, 0, null, null, Tuple.NONE,
            Tuple.NONE);

    /**
     * The fields of one tuple to compare: {@code flags} ({@code CTA_FILTER_F_*}) names them; the others are unused.
     */
    public record Tuple(int flags, InetAddress source, InetAddress destination, int protocol, int sourcePort,
                        int destinationPort) {
        public static final Tuple NONE = new Tuple(0, null, null, 0, 0, 0);

        /** Writes the tuple nest {@code type} with the fields its flags name. */
        void encode(MessageWriter w, int type) {
            int tuple = w.beginNested(type);
            boolean src = (flags & CTA_FILTER_F_CTA_IP_SRC) != 0;
            boolean dst = (flags & CTA_FILTER_F_CTA_IP_DST) != 0;
            if (src || dst) {
                TupleCodec.encodeIp(w, source, destination, src, dst);
            }
            if ((flags & CTA_FILTER_F_CTA_PROTO_NUM) != 0) {
                int proto = w.beginNested(CTA_TUPLE_PROTO);
                w.putU8(CTA_PROTO_NUM, protocol);
                if ((flags & CTA_FILTER_F_CTA_PROTO_SRC_PORT) != 0) {
                    w.putBe16(CTA_PROTO_SRC_PORT, sourcePort);
                }
                if ((flags & CTA_FILTER_F_CTA_PROTO_DST_PORT) != 0) {
                    w.putBe16(CTA_PROTO_DST_PORT, destinationPort);
                }
                w.endNested(proto);
            }
            w.endNested(tuple);
        }
    }

    /** Writes the selection's attributes into the current message. */
    public void encode(MessageWriter w) {
        if (mark != null) {
            w.putBe32(CTA_MARK, mark & markMask);
            w.putBe32(CTA_MARK_MASK, markMask);
        }
        if (statusBits != null) {
            w.putBe32(CTA_STATUS, statusBits);
            w.putBe32(CTA_STATUS_MASK, statusBits);
        }
        if (zone != null) {
            w.putBe16(CTA_ZONE, zone);
        }
        if (original.flags() == 0 && reply.flags() == 0) {
            return;
        }
        int nest = w.beginNested(CTA_FILTER);
        if (original.flags() != 0) {
            w.putU32(CTA_FILTER_ORIG_FLAGS, original.flags());
        }
        if (reply.flags() != 0) {
            w.putU32(CTA_FILTER_REPLY_FLAGS, reply.flags());
        }
        w.endNested(nest);
        if (original.flags() != 0) {
            original.encode(w, CTA_TUPLE_ORIG);
        }
        if (reply.flags() != 0) {
            reply.encode(w, CTA_TUPLE_REPLY);
        }
    }
}
