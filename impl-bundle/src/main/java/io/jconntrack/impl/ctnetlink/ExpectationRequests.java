package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.AF_UNSPEC;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNETLINK_V0;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.expectType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_EXCL;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MessageWriter;

/**
 * The requests of ctnetlink's expectation subsystem ({@code NFNL_SUBSYS_CTNETLINK_EXP}), one method per kind, with
 * the netlink flags the caller wants ({@link Requests#ACKED} or {@link Requests#UNACKED}).
 */
public final class ExpectationRequests {
    private ExpectationRequests() {
    }

    /** Creates an expectation; fails with EEXIST when it exists. */
    public static void create(MessageWriter w, int seq, int flags, Expectation x) {
        begin(w, IPCTNL_MSG_EXP_NEW, flags | NLM_F_CREATE | NLM_F_EXCL, seq, x.family().number());
        ExpectationCodec.encodeCreate(w, x);
        w.end();
    }

    /** Deletes one expectation by expected tuple and zone, guarded by its id when it has one. */
    public static void delete(MessageWriter w, int seq, int flags, Expectation x) {
        begin(w, IPCTNL_MSG_EXP_DELETE, flags, seq, x.family().number());
        ExpectationCodec.encodeKey(w, x.expected(), x.zone(), x.id());
        w.end();
    }

    /** Gets one expectation by expected tuple and zone. */
    public static void get(MessageWriter w, int seq, int flags, Tuple expected, int zone) {
        begin(w, IPCTNL_MSG_EXP_GET, flags, seq, expected.family().number());
        ExpectationCodec.encodeKey(w, expected, zone, 0);
        w.end();
    }

    /** A dump of the expectations of one family (the kernel filters by nothing else), null for both. */
    public static void dump(MessageWriter w, int seq, int flags, AddressFamily family) {
        begin(w, IPCTNL_MSG_EXP_GET, flags | NLM_F_DUMP, seq, family == null ? AF_UNSPEC : family.number());
        w.end();
    }

    /**
     * A delete without a tuple: with a helper name, every expectation of that helper; without, all of them. The
     * kernel ignores the family here: it empties the expectations of both.
     */
    public static void flush(MessageWriter w, int seq, int flags, String helper) {
        begin(w, IPCTNL_MSG_EXP_DELETE, flags, seq, AF_UNSPEC);
        if (helper != null) {
            w.putString(CTA_EXPECT_HELP_NAME, helper);
        }
        w.end();
    }

    public static void statistics(MessageWriter w, int seq, int flags) {
        begin(w, IPCTNL_MSG_EXP_GET_STATS_CPU, flags | NLM_F_DUMP, seq, AF_UNSPEC);
        w.end();
    }

    private static void begin(MessageWriter w, int msg, int flags, int seq, int family) {
        w.begin(expectType(msg), flags, seq);
        new NfGenMsg(family, NFNETLINK_V0, 0).encode(w);
    }
}
