package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_GET_STATS_CPU;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.expectType;

import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.impl.ctnetlink.ExpectationCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import java.util.ArrayList;
import java.util.List;

/** The replies of the expectation requests besides dumps ({@link DumpReply}) and gets ({@link GetReply}): the per-CPU counters. */
final class ExpectationReplies {
    static final int EXP_NEW = expectType(IPCTNL_MSG_EXP_NEW);

    private ExpectationReplies() {
    }

    /** {@code IPCTNL_MSG_EXP_GET_STATS_CPU}: a dump of one message per CPU. */
    static final class PerCpu extends AckReply<List<ExpectationStatistics>> {
        private final List<ExpectationStatistics> cpus = new ArrayList<>();

        PerCpu(String netns) {
            super("expectation statistics", netns);
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
            // The kernel answers in the conntrack subsystem's numbering (ctnetlink_exp_stat_fill_info uses
            // NFNL_SUBSYS_CTNETLINK), where 3 is IPCTNL_MSG_CT_GET_CTRZERO; accept the expectation subsystem's too.
            if (m.type() == expectType(IPCTNL_MSG_EXP_GET_STATS_CPU)
                    || m.type() == ctnetlinkType(IPCTNL_MSG_EXP_GET_STATS_CPU)) {
                cpus.add(ExpectationCodec.decodeStatistics(m));
            }
        }

        @Override
        public List<ExpectationStatistics> result() {
            return cpus;
        }
    }
}
