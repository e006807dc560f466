package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * One entry as {@code conntrack -L} (conntrack-tools 1.4.7, libnetfilter_conntrack 1.0.9, no {@code -o}) prints it;
 * see {@code notes/conntrack-format.md}. Fields are written with a trailing space and the last space is dropped.
 *
 * <p>The entry model does not say which attributes the kernel sent, so presence follows what a 6.x dump sends:
 * the mark always, the zone only when not 0, {@code use=} when non-zero, counters and {@code delta-time=} when
 * accounting and timestamps were on. Directional zones, secmark and secctx are not in the model and never print.
 */
public final class ConntrackLineFormat {
    private final LongSupplier nowEpochSecond;

    public ConntrackLineFormat() {
        this(() -> Instant.now().getEpochSecond());
    }

    /** With a clock, for {@code delta-time=} of live entries (the tool uses {@code time(NULL)}). */
    public ConntrackLineFormat(LongSupplier nowEpochSecond) {
        this.nowEpochSecond = nowEpochSecond;
    }

    public String format(ConntrackEntry e) {
        StringBuilder s = new StringBuilder(200);
        Protocol p = e.protocol();
        s.append(String.format("%-8s %d ", p.name(), p.number()));
        if (e.timeout() != ConntrackEntry.NO_TIMEOUT) {
            s.append(Long.toUnsignedString(e.timeout())).append(' ');
        }
        if (e.tcpState() != null) {
            s.append(e.tcpState().name()).append(' ');
        }
        if (e.sctpState() != null) {
            s.append(e.sctpState().name()).append(' ');
        }
        if (e.dccpState() != null) {
            s.append(e.dccpState().name()).append(' ');
        }
        tuple(s, e.original());
        counters(s, e.originalCounters());
        if (!e.hasStatus(StatusFlag.SEEN_REPLY)) {
            s.append("[UNREPLIED] ");
        }
        tuple(s, e.reply());
        counters(s, e.replyCounters());
        if (e.hasStatus(StatusFlag.HW_OFFLOAD)) {
            s.append("[HW_OFFLOAD] ");
        } else if (e.hasStatus(StatusFlag.OFFLOAD)) {
            s.append("[OFFLOAD] ");
        } else if (e.hasStatus(StatusFlag.ASSURED)) {
            s.append("[ASSURED] ");
        }
        s.append("mark=").append(e.mark()).append(' ');
        if (e.zone() != 0) {
            s.append("zone=").append(e.zone()).append(' ');
        }
        if (e.start() != null) {
            long stop = e.stop() != null ? e.stop().getEpochSecond() : nowEpochSecond.getAsLong();
            s.append("delta-time=").append(Long.toUnsignedString(stop - e.start().getEpochSecond())).append(' ');
        }
        if (e.helper() != null) {
            s.append("helper=").append(e.helper()).append(' ');
        }
        if (e.use() != 0) {
            s.append("use=").append(e.use()).append(' ');
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }

    /** {@code src=.. dst=..} and the layer-4 part, each with its trailing space. */
    static void tuple(StringBuilder s, Tuple t) {
        s.append("src=").append(AddressText.of(t.source()))
                .append(" dst=").append(AddressText.of(t.destination())).append(' ');
        Protocol p = t.protocol();
        if (p.hasPorts()) {
            s.append("sport=").append(t.sourcePort()).append(" dport=").append(t.destinationPort()).append(' ');
        } else if (p.equals(Protocol.GRE)) {
            s.append("srckey=0x").append(Integer.toHexString(t.sourcePort()))
                    .append(" dstkey=0x").append(Integer.toHexString(t.destinationPort())).append(' ');
        } else if (p.isIcmp()) {
            s.append("type=").append(t.icmpType()).append(" code=").append(t.icmpCode())
                    .append(" id=").append(t.icmpId()).append(' ');
        }
    }

    /** A tuple alone, without trailing space, as used in confirmations and errors. */
    public static String tupleText(Tuple t) {
        StringBuilder s = new StringBuilder(t.protocol().toString()).append(' ');
        tuple(s, t);
        s.setLength(s.length() - 1);
        return s.toString();
    }

    private static void counters(StringBuilder s, Counters c) {
        if (c != null) {
            s.append("packets=").append(Long.toUnsignedString(c.packets()))
                    .append(" bytes=").append(Long.toUnsignedString(c.bytes())).append(' ');
        }
    }
}
