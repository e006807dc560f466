package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.CtnetlinkConstants.*;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.jconntrack.impl.netlink.NfnetlinkConstants.AF_UNSPEC;
import static io.jconntrack.impl.netlink.NfnetlinkConstants.NFNETLINK_V0;
import static io.jconntrack.impl.netlink.NfnetlinkConstants.NFNETLINK_V1;
import static io.jconntrack.impl.netlink.NfnetlinkConstants.ctnetlinkType;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.EnumSet;

/** Builds the ctnetlink request messages, one method per request kind. */
public final class Requests {
    /**
     * Status bits user space may not set ({@code IPS_UNCHANGEABLE_MASK}): dropped from create and update requests
     * so that an entry read from a dump (which has CONFIRMED set) can be written back.
     */
    public static final EnumSet<StatusFlag> UNCHANGEABLE = EnumSet.of(StatusFlag.SRC_NAT_DONE,
            StatusFlag.DST_NAT_DONE, StatusFlag.SRC_NAT, StatusFlag.DST_NAT, StatusFlag.EXPECTED,
            StatusFlag.CONFIRMED, StatusFlag.DYING, StatusFlag.SEQ_ADJUST, StatusFlag.TEMPLATE,
            StatusFlag.UNTRACKED, StatusFlag.OFFLOAD, StatusFlag.HW_OFFLOAD);

    private Requests() {
    }

    public static void create(MessageWriter w, int seq, ConntrackEntry e) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_NEW), NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq,
                e.family().number(), NFNETLINK_V0, 0);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, e.original());
        TupleCodec.encode(w, CTA_TUPLE_REPLY, e.reply());
        w.putBe32(CTA_TIMEOUT, e.timeout());
        w.putBe16(CTA_ZONE, e.zone());
        if (e.mark() != 0) {
            w.putBe32(CTA_MARK, e.mark());
        }
        if (!e.status().isEmpty()) {
            w.putBe32(CTA_STATUS, settableStatus(e.status()));
        }
        protoInfo(w, e);
        if (!e.labels().isEmpty()) {
            labels(w, e.labels());
        }
        w.end();
    }

    public static void update(MessageWriter w, int seq, ConntrackUpdate u) {
        Tuple t = u.original();
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_NEW), NLM_F_REQUEST | NLM_F_ACK, seq, t.family().number(),
                NFNETLINK_V0, 0);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, t);
        w.putBe16(CTA_ZONE, u.zone());
        if (u.timeout() != null) {
            w.putBe32(CTA_TIMEOUT, u.timeout());
        }
        if (u.mark() != null) {
            w.putBe32(CTA_MARK, u.mark());
        }
        if (u.status() != null) {
            w.putBe32(CTA_STATUS, settableStatus(u.status()));
        }
        if (u.labels() != null) {
            labels(w, u.labels());
        }
        if (u.tcpState() != null) {
            tcpState(w, u.tcpState());
        }
        w.end();
    }

    /** Deletes one entry; a non-zero id guards against deleting a newer entry that reuses the tuple. */
    public static void delete(MessageWriter w, int seq, Tuple t, int zone, long id) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_DELETE), NLM_F_REQUEST | NLM_F_ACK, seq, t.family().number(),
                NFNETLINK_V0, 0);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, t);
        w.putBe16(CTA_ZONE, zone);
        if (id != 0) {
            w.putBe32(CTA_ID, id);
        }
        w.end();
    }

    public static void get(MessageWriter w, int seq, Tuple t, int zone) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_GET), NLM_F_REQUEST | NLM_F_ACK, seq, t.family().number(),
                NFNETLINK_V0, 0);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, t);
        w.putBe16(CTA_ZONE, zone);
        w.end();
    }

    public static void dump(MessageWriter w, int seq, KernelFilter filter) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_GET), NLM_F_REQUEST | NLM_F_DUMP, seq, filter.family(),
                NFNETLINK_V0, 0);
        filter.encode(w);
        w.end();
    }

    /**
     * A delete without a tuple is a flush. Version 1 makes the kernel honour the nfgenmsg family; with AF_UNSPEC
     * both families go.
     */
    public static void flush(MessageWriter w, int seq, KernelFilter filter) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_DELETE), NLM_F_REQUEST | NLM_F_ACK, seq, filter.family(),
                NFNETLINK_V1, 0);
        filter.encode(w);
        w.end();
    }

    public static void statistics(MessageWriter w, int seq) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_GET_STATS), NLM_F_REQUEST | NLM_F_ACK, seq, AF_UNSPEC,
                NFNETLINK_V0, 0);
        w.end();
    }

    public static void cpuStatistics(MessageWriter w, int seq) {
        w.begin(ctnetlinkType(IPCTNL_MSG_CT_GET_STATS_CPU), NLM_F_REQUEST | NLM_F_DUMP, seq, AF_UNSPEC,
                NFNETLINK_V0, 0);
        w.end();
    }

    /**
     * The status to send: user-settable bits plus CONFIRMED. The kernel answers EBUSY when the sent status differs
     * from the entry's in EXPECTED, CONFIRMED or DYING, and the entry is already CONFIRMED both when it is updated
     * and when a create applies its status; libnetfilter_conntrack adds the bit for the same reason.
     */
    private static long settableStatus(Collection<StatusFlag> flags) {
        EnumSet<StatusFlag> s = flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags);
        s.removeAll(UNCHANGEABLE);
        s.add(StatusFlag.CONFIRMED);
        return StatusFlag.toBits(s);
    }

    private static void protoInfo(MessageWriter w, ConntrackEntry e) {
        Protocol p = e.protocol();
        if (p.equals(Protocol.TCP) && e.tcpState() != null) {
            tcpState(w, e.tcpState());
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

    private static void tcpState(MessageWriter w, io.jconntrack.api.TcpState state) {
        int info = w.beginNested(CTA_PROTOINFO);
        int tcp = w.beginNested(CTA_PROTOINFO_TCP);
        w.putU8(CTA_PROTOINFO_TCP_STATE, state.number());
        w.endNested(tcp);
        w.endNested(info);
    }

    /** Labels replace the whole map: the mask covers all bits. Host-order 32-bit words, as the kernel keeps them. */
    private static void labels(MessageWriter w, Collection<Integer> bits) {
        ByteBuffer map = ByteBuffer.allocate(NF_CT_LABELS_MAX_SIZE).order(ByteOrder.nativeOrder());
        for (int bit : bits) {
            int word = bit / 32;
            map.putInt(word * 4, map.getInt(word * 4) | (1 << (bit % 32)));
        }
        byte[] mask = new byte[NF_CT_LABELS_MAX_SIZE];
        java.util.Arrays.fill(mask, (byte) 0xFF);
        w.putBytes(CTA_LABELS, map.array());
        w.putBytes(CTA_LABELS_MASK, mask);
    }
}
