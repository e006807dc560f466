package io.jconntrack.impl.netlink;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jconntrack.api.ConntrackEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Jazzer fuzz target for every decoder the service runs on a received datagram: the message walk, conntrack entries
 * (dumps, replies, events), errors with extended acks, DONE, and both statistics replies. The only outcome allowed is
 * a decoded value or {@link MalformedMessageException}; anything else (an index exception, an
 * {@code IllegalArgumentException} from a value class, a hang, a huge allocation) is a finding.
 *
 * <p>Seeds: real messages of this kernel in {@code DecoderFuzzTestInputs/decode} (made by
 * {@code SeedCaptureTool}). In the test suite (surefire execution {@code fuzz}, {@code JAZZER_FUZZ=1}) it runs
 * 100,000 inputs. The long run uses Jazzer's own driver on {@link #fuzzerTestOneInput(byte[])}, see
 * {@code docs/reliability.md}.
 */
public class DecoderFuzzTest {

    @FuzzTest(maxExecutions = 100_000, maxDuration = "90s")
    void decode(byte[] data) {
        fuzzerTestOneInput(data);
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
                    StatisticsDecoder.decodeGlobal(m);
                    break;
                case 0x100 | CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS_CPU:
                    StatisticsDecoder.decodeCpu(m);
                    break;
                default:
                    ConntrackEntry e = EntryDecoder.decode(m);
                    // What callers do with any entry must work too: text, equality, both directions.
                    // (Tuple.inverse() is not among them: it rejects ICMP types without a reply type.)
                    e.toString();
                    e.hashCode();
                    e.reply().toString();
            }
        }
    }
}
