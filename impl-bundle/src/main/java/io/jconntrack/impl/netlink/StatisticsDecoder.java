package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.CtnetlinkConstants.*;

import io.jconntrack.api.CpuStatistics;
import java.nio.ByteOrder;

/** Decodes {@code IPCTNL_MSG_CT_GET_STATS} and {@code IPCTNL_MSG_CT_GET_STATS_CPU} replies. */
public final class StatisticsDecoder {
    private StatisticsDecoder() {
    }

    /** Returns {entries, maxEntries} of a global statistics reply. */
    public static long[] decodeGlobal(MessageCursor m) throws MalformedMessageException {
        long[] out = new long[2];
        AttributeCursor a = attributes(m);
        while (a.next()) {
            if (a.type() == CTA_STATS_GLOBAL_ENTRIES) {
                out[0] = a.be32();
            } else if (a.type() == CTA_STATS_GLOBAL_MAX_ENTRIES) {
                out[1] = a.be32();
            }
        }
        return out;
    }

    /** Decodes one per-CPU message; the CPU number is nfgenmsg.res_id. */
    public static CpuStatistics decodeCpu(MessageCursor m) throws MalformedMessageException {
        AttributeCursor a = attributes(m);
        int cpu = Short.toUnsignedInt(m.buffer().order(ByteOrder.BIG_ENDIAN).getShort(m.payloadStart() + 2));
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

    private static AttributeCursor attributes(MessageCursor m) throws MalformedMessageException {
        if (m.payloadLength() < NfnetlinkConstants.NFGENMSG_SIZE) {
            throw new MalformedMessageException("statistics message of " + m.payloadLength() + " bytes");
        }
        return new AttributeCursor(m.buffer(), m.payloadStart() + NfnetlinkConstants.NFGENMSG_SIZE, m.end());
    }
}
