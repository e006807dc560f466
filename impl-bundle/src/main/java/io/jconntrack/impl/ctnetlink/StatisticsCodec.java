package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.CpuStatistics;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.AttributeNames;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;

/**
 * Decodes the replies to {@code IPCTNL_MSG_CT_GET_STATS} and {@code IPCTNL_MSG_CT_GET_STATS_CPU}; the requests have
 * no attributes (see {@link Requests#statistics} and {@link Requests#cpuStatistics}).
 */
public final class StatisticsCodec {
    /** The table's size and limit. */
    public record Global(long entries, long maxEntries) {
    }

    private StatisticsCodec() {
    }

    public static Global decodeGlobal(MessageCursor m) throws MalformedMessageException {
        long entries = 0;
        long maxEntries = 0;
        AttributeCursor a = attributes(m, CtnetlinkNames.STATS_GLOBAL);
        while (a.next()) {
            if (a.type() == CTA_STATS_GLOBAL_ENTRIES) {
                entries = a.be32();
            } else if (a.type() == CTA_STATS_GLOBAL_MAX_ENTRIES) {
                maxEntries = a.be32();
            }
        }
        return new Global(entries, maxEntries);
    }

    /** Decodes one per-CPU message; the CPU number is nfgenmsg.res_id. */
    public static CpuStatistics decodeCpu(MessageCursor m) throws MalformedMessageException {
        int cpu = NfGenMsg.decode(m).resId();
        AttributeCursor a = attributes(m, CtnetlinkNames.STATS_CPU);
        long[] v = new long[CTA_STATS_CHAIN_TOOLONG + 1];
        while (a.next()) {
            if (a.type() < v.length) {
                v[a.type()] = a.be32();
            }
        }
        return new CpuStatistics(cpu, v[CTA_STATS_FOUND], v[CTA_STATS_INVALID], v[CTA_STATS_INSERT],
                v[CTA_STATS_INSERT_FAILED], v[CTA_STATS_DROP], v[CTA_STATS_EARLY_DROP], v[CTA_STATS_ERROR],
                v[CTA_STATS_SEARCH_RESTART], v[CTA_STATS_CLASH_RESOLVE], v[CTA_STATS_CHAIN_TOOLONG]);
    }

    private static AttributeCursor attributes(MessageCursor m, AttributeNames names)
            throws MalformedMessageException {
        NfGenMsg.family(m); // checks the fixed header's length
        return new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(), names);
    }
}
