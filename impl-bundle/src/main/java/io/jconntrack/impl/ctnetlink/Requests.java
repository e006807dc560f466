package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.AF_UNSPEC;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNETLINK_V0;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNETLINK_V1;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_REQUEST;

import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MessageWriter;

/**
 * The ctnetlink request messages, one method per request kind. Each takes the netlink flags the caller wants
 * ({@link #ACKED}, or {@link #UNACKED} inside a pipelined batch) and adds the modifiers of its kind.
 */
public final class Requests {
    /** A request that asks for an acknowledgement. */
    public static final int ACKED = NLM_F_REQUEST | NLM_F_ACK;
    /** A request answered only when it fails (all but the last of a pipelined batch). */
    public static final int UNACKED = NLM_F_REQUEST;

    private Requests() {
    }

    /** Creates an entry; fails with EEXIST when it exists. */
    public static void create(MessageWriter w, int seq, int flags, ConntrackEntry e) {
        begin(w, IPCTNL_MSG_CT_NEW, flags | NLM_F_CREATE | NLM_F_EXCL, seq, e.family().number(), NFNETLINK_V0);
        EntryCodec.encodeCreate(w, e);
        w.end();
    }

    /** Applies a change to one dumped entry, found by its key and guarded by its id. */
    public static void change(MessageWriter w, int seq, int flags, ConntrackEntry e, ConntrackChange c) {
        begin(w, IPCTNL_MSG_CT_NEW, flags, seq, e.family().number(), NFNETLINK_V0);
        EntryCodec.encodeChange(w, e, c);
        w.end();
    }

    /** Deletes one dumped entry, found by its key and guarded by its id. */
    public static void delete(MessageWriter w, int seq, int flags, ConntrackEntry e) {
        begin(w, IPCTNL_MSG_CT_DELETE, flags, seq, e.family().number(), NFNETLINK_V0);
        EntryCodec.encodeKey(w, e);
        w.end();
    }

    /** Changes an existing entry; fails with ENOENT when there is none. */
    public static void update(MessageWriter w, int seq, int flags, ConntrackUpdate u) {
        begin(w, IPCTNL_MSG_CT_NEW, flags, seq, u.original().family().number(), NFNETLINK_V0);
        EntryCodec.encodeUpdate(w, u);
        w.end();
    }

    public static void get(MessageWriter w, int seq, int flags, Tuple t, int zone) {
        begin(w, IPCTNL_MSG_CT_GET, flags, seq, t.family().number(), NFNETLINK_V0);
        EntryCodec.encodeKey(w, t, zone, 0);
        w.end();
    }

    /** Gets one entry by its reply tuple (the kernel looks the entry up by whichever tuple it is given). */
    public static void getByReply(MessageWriter w, int seq, int flags, Tuple reply, int zone) {
        begin(w, IPCTNL_MSG_CT_GET, flags, seq, reply.family().number(), NFNETLINK_V0);
        TupleCodec.encode(w, CTA_TUPLE_REPLY, reply);
        w.putBe16(CTA_ZONE, zone);
        w.end();
    }

    /** A dump of the entries the selection names (the kernel ignores attributes it does not know). */
    public static void dump(MessageWriter w, int seq, int flags, Selection selection) {
        dump(w, seq, flags, selection, false);
    }

    /** A dump that also zeroes the counters of what it reports ({@code IPCTNL_MSG_CT_GET_CTRZERO}) when asked. */
    public static void dump(MessageWriter w, int seq, int flags, Selection selection, boolean zeroCounters) {
        begin(w, zeroCounters ? IPCTNL_MSG_CT_GET_CTRZERO : IPCTNL_MSG_CT_GET, flags | NLM_F_DUMP, seq,
                selection.family(), NFNETLINK_V0);
        selection.encode(w);
        w.end();
    }

    /**
     * A dump of the kernel's dying or unconfirmed list ({@code IPCTNL_MSG_CT_GET_DYING}/{@code _UNCONFIRMED}): the
     * kernel applies no filter to these lists, and answers each entry with the request's own message type.
     */
    public static void dumpList(MessageWriter w, int seq, int flags, int msg) {
        if (msg != IPCTNL_MSG_CT_GET_DYING && msg != IPCTNL_MSG_CT_GET_UNCONFIRMED) {
            throw new IllegalArgumentException("msg: " + msg + " is not a list dump");
        }
        begin(w, msg, flags | NLM_F_DUMP, seq, AF_UNSPEC, NFNETLINK_V0);
        w.end();
    }

    /**
     * A delete without a tuple is a flush. Version 1 makes the kernel honour the nfgenmsg family; with AF_UNSPEC
     * both families go.
     */
    public static void flush(MessageWriter w, int seq, int flags, Selection selection) {
        begin(w, IPCTNL_MSG_CT_DELETE, flags, seq, selection.family(), NFNETLINK_V1);
        selection.encode(w);
        w.end();
    }

    public static void statistics(MessageWriter w, int seq, int flags) {
        begin(w, IPCTNL_MSG_CT_GET_STATS, flags, seq, AF_UNSPEC, NFNETLINK_V0);
        w.end();
    }

    public static void cpuStatistics(MessageWriter w, int seq, int flags) {
        begin(w, IPCTNL_MSG_CT_GET_STATS_CPU, flags | NLM_F_DUMP, seq, AF_UNSPEC, NFNETLINK_V0);
        w.end();
    }

    private static void begin(MessageWriter w, int msg, int flags, int seq, int family, int version) {
        w.begin(ctnetlinkType(msg), flags, seq);
        new NfGenMsg(family, version, 0).encode(w);
    }
}
