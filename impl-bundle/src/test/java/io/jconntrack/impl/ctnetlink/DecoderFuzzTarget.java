package io.jconntrack.impl.ctnetlink;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.api.ConntrackEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decoder fuzz target, for Jazzer's standalone driver (long runs, {@code --target_class}) and for
 * {@link DecoderFuzzTest} (short runs in the test suite). Kept apart from the {@code @FuzzTest} class because the
 * driver prefers an annotated method, and with it the annotation's execution limit.
 */
public final class DecoderFuzzTarget {
    private DecoderFuzzTarget() {
    }

    /** Entry point of Jazzer's standalone driver ({@code --target_class}). */
    public static void fuzzerTestOneInput(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        try {
            decodeEverything(buf);
        } catch (MalformedMessageException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("MalformedMessageException without a message", e);
            }
        }
    }

    /** Decodes every message of a datagram the way the service and the event reader do. */
    static void decodeEverything(ByteBuffer buf) throws MalformedMessageException {
        MessageCursor m = new MessageCursor(buf);
        int messages = 0;
        while (m.next()) {
            if (++messages > buf.limit() / NetlinkConstants.NLMSG_HDRLEN + 1) {
                throw new AssertionError("message cursor does not advance");
            }
            switch (m.type()) {
                case NetlinkConstants.NLMSG_ERROR:
                    NetlinkError.decode(m);
                    break;
                case NetlinkConstants.NLMSG_DONE:
                    if (m.payloadLength() >= 4) {
                        buf.order(ByteOrder.nativeOrder()).getInt(m.payloadStart());
                    }
                    break;
                case 0x100 | CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS:
                    StatisticsCodec.decodeGlobal(m);
                    break;
                case 0x100 | CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS_CPU:
                    StatisticsCodec.decodeCpu(m);
                    break;
                case 0x200 | CtnetlinkConstants.IPCTNL_MSG_EXP_NEW:
                case 0x200 | CtnetlinkConstants.IPCTNL_MSG_EXP_DELETE:
                    io.jconntrack.api.Expectation x = ExpectationCodec.decode(m, new AddressCache());
                    x.toString();
                    x.hashCode();
                    break;
                case 0x200 | CtnetlinkConstants.IPCTNL_MSG_EXP_GET_STATS_CPU:
                    ExpectationCodec.decodeStatistics(m);
                    break;
                default:
                    // The zone alone (the check before a shared-zone flush) reads a subset of what the full decode
                    // reads: it may accept what the full decode rejects, never the reverse, and agrees when both do.
                    EntryZone zone = zoneOrNull(m);
                    ConntrackEntry e = EntryCodec.decode(m);
                    if (zone == null || zone.id() != e.zone() || zone.direction() != e.zoneDirection()) {
                        throw new AssertionError("zone read alone " + zone + ", decoded " + e.zone() + " "
                                + e.zoneDirection());
                    }
                    // What callers do with any entry must work too: text, equality, both directions.
                    // (Tuple.inverse() is not among them: it rejects ICMP types without a reply type.)
                    e.toString();
                    e.hashCode();
                    e.reply().toString();
            }
        }
    }

    private static EntryZone zoneOrNull(MessageCursor m) {
        try {
            return EntryZone.decode(m);
        } catch (MalformedMessageException e) {
            return null;
        }
    }
}
