package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS_CPU;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;

import io.jconntrack.api.CpuStatistics;
import io.jconntrack.impl.ctnetlink.StatisticsCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import java.util.ArrayList;
import java.util.List;

/** The replies to the two statistics requests. */
final class StatisticsReplies {
    private StatisticsReplies() {
    }

    /** {@code IPCTNL_MSG_CT_GET_STATS}: one message, then the acknowledgement; null when none came. */
    static final class Global extends AckReply<StatisticsCodec.Global> {
        private StatisticsCodec.Global found;

        Global(String netns) {
            super("statistics", netns);
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
            if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_GET_STATS)) {
                found = StatisticsCodec.decodeGlobal(m);
            }
        }

        @Override
        public StatisticsCodec.Global result() {
            return found;
        }
    }

    /** {@code IPCTNL_MSG_CT_GET_STATS_CPU}: a dump of one message per CPU. */
    static final class PerCpu extends AckReply<List<CpuStatistics>> {
        private final List<CpuStatistics> cpus = new ArrayList<>();

        PerCpu(String netns) {
            super("statistics", netns);
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
            if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_GET_STATS_CPU)) {
                cpus.add(StatisticsCodec.decodeCpu(m));
            }
        }

        @Override
        public List<CpuStatistics> result() {
            return cpus;
        }
    }
}
