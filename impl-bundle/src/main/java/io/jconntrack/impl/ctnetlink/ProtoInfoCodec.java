package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.TcpState;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;

/** Encodes and decodes {@code CTA_PROTOINFO}: the TCP, SCTP or DCCP state of an entry, with SCTP's tags. */
public final class ProtoInfoCodec {
    /** What a {@code CTA_PROTOINFO} nest carried; states are null when absent. */
    public record ProtoInfo(TcpState tcpState, SctpState sctpState, DccpState dccpState, long sctpVtagOriginal,
                            long sctpVtagReply) {
        public static final ProtoInfo NONE = new ProtoInfo(null, null, null, 0, 0);
    }

    private ProtoInfoCodec() {
    }

    /** Writes the protocol state of an entry to be created, when it has one the kernel accepts. */
    public static void encode(MessageWriter w, ConntrackEntry e) {
        Protocol p = e.protocol();
        if (p.equals(Protocol.TCP) && e.tcpState() != null) {
            encodeTcp(w, e.tcpState());
        } else if (p.equals(Protocol.SCTP) && e.sctpState() != null) {
            int info = w.beginNested(CTA_PROTOINFO);
            int sctp = w.beginNested(CTA_PROTOINFO_SCTP);
            w.putU8(CTA_PROTOINFO_SCTP_STATE, e.sctpState().number());
            w.putBe32(CTA_PROTOINFO_SCTP_VTAG_ORIGINAL, e.sctpOriginalVtag());
            w.putBe32(CTA_PROTOINFO_SCTP_VTAG_REPLY, e.sctpReplyVtag());
            w.endNested(sctp);
            w.endNested(info);
        }
    }

    /** Writes a TCP state alone (an update that changes only the state). */
    public static void encodeTcp(MessageWriter w, TcpState state) {
        int info = w.beginNested(CTA_PROTOINFO);
        int tcp = w.beginNested(CTA_PROTOINFO_TCP);
        w.putU8(CTA_PROTOINFO_TCP_STATE, state.number());
        w.endNested(tcp);
        w.endNested(info);
    }

    /** Decodes the {@code CTA_PROTOINFO} nest the cursor is on; unknown protocols and attributes are skipped. */
    public static ProtoInfo decode(AttributeCursor a) throws MalformedMessageException {
        TcpState tcpState = null;
        SctpState sctpState = null;
        DccpState dccpState = null;
        long vtagOriginal = 0;
        long vtagReply = 0;
        AttributeCursor pi = a.nested(CtnetlinkNames.PROTOINFO);
        while (pi.next()) {
            switch (pi.type()) {
                case CTA_PROTOINFO_TCP: {
                    AttributeCursor info = pi.nested(CtnetlinkNames.PROTOINFO_TCP);
                    while (info.next()) {
                        if (info.type() == CTA_PROTOINFO_TCP_STATE) {
                            tcpState = TcpState.fromNumber(info.u8());
                        }
                    }
                    break;
                }
                case CTA_PROTOINFO_SCTP: {
                    AttributeCursor info = pi.nested(CtnetlinkNames.PROTOINFO_SCTP);
                    while (info.next()) {
                        switch (info.type()) {
                            case CTA_PROTOINFO_SCTP_STATE: sctpState = SctpState.fromNumber(info.u8()); break;
                            case CTA_PROTOINFO_SCTP_VTAG_ORIGINAL: vtagOriginal = info.be32(); break;
                            case CTA_PROTOINFO_SCTP_VTAG_REPLY: vtagReply = info.be32(); break;
                            default: break;
                        }
                    }
                    break;
                }
                case CTA_PROTOINFO_DCCP: {
                    AttributeCursor info = pi.nested(CtnetlinkNames.PROTOINFO_DCCP);
                    while (info.next()) {
                        if (info.type() == CTA_PROTOINFO_DCCP_STATE) {
                            dccpState = DccpState.fromNumber(info.u8());
                        }
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return new ProtoInfo(tcpState, sctpState, dccpState, vtagOriginal, vtagReply);
    }
}
