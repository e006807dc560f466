package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.time.Clock;

/**
 * One entry as conntrack-tools 1.4.7 prints it (libnetfilter_conntrack 1.0.9, {@code __snprintf_conntrack_default}
 * in {@code src/conntrack/snprintf_default.c}), with the modifiers of {@code -o}. Fields are written with a trailing
 * space and the last space is dropped, as there.
 *
 * <p>The library prints an attribute when the kernel sent it; the entry model does not say which were sent, so
 * presence follows what a 6.x kernel sends: the mark always in a dump but only when not 0 in an event
 * ({@code ctnetlink_dump_mark}; the NEW and UPDATE events of entries made or changed through ctnetlink carry a zero
 * mark too, which the tool prints, but only the event's sender, not in the model, tells them apart), a zone only when not 0 (in the tuple of its direction when it applies to one
 * direction only), {@code use=} (dumps only) when not 0, counters and {@code delta-time=} when accounting and
 * timestamps were on, the id always (every message carries {@code CTA_ID}). The security context ({@code secctx=})
 * is not in the model and never prints.
 */
public final class ConntrackLineFormat {
    /** Width of the event type column: {@code "%9s "}, so {@code "    [NEW] "}. */
    private static final String EVENT_TYPE = "%9s ";
    /** Protocol and family columns: {@code "%-8s %u "}. */
    private static final String NAME_AND_NUMBER = "%-8s %d ";

    private final OutputFormat format;
    private final LabelNames labelNames;
    private final Clock clock;

    /** {@code conntrack -L} without modifiers, with the system clock for {@code delta-time=}. */
    public ConntrackLineFormat() {
        this(OutputFormat.CONNTRACK, null, Clock.systemDefaultZone());
    }

    /**
     * @param format     the modifiers to apply (its kind is not looked at)
     * @param labelNames the tool's label map, or null when it has none (then no labels print, as in the tool)
     * @param clock      the time for {@code delta-time=} of live entries (the tool's {@code time(NULL)}) and the
     *                   zone for {@code [start=...]} (the tool's local time)
     */
    public ConntrackLineFormat(OutputFormat format, LabelNames labelNames, Clock clock) {
        this.format = format;
        this.labelNames = labelNames;
        this.clock = clock;
    }

    /** The entry as {@code conntrack -L} prints it. */
    public String format(ConntrackEntry e) {
        return format(e, PrintingCommand.LIST);
    }

    /** The entry as the given conntrack command prints it. */
    public String format(ConntrackEntry e, PrintingCommand command) {
        StringBuilder s = new StringBuilder(256);
        entry(s, e, false, command.kernelTimestamps() && format.has(OutputModifier.KTIMESTAMP),
                command.labels());
        return s.toString();
    }

    /**
     * An event as {@code conntrack -E} prints it, without what its sender adds ({@code [USERSPACE] portid=N}) and
     * without the {@code -o timestamp} prefix: {@link EventPrinter} adds both.
     */
    public String formatEvent(EventType type, ConntrackEntry e) {
        StringBuilder s = new StringBuilder(256);
        s.append(String.format(EVENT_TYPE, "[" + type.name() + "]"));
        entry(s, e, true, format.has(OutputModifier.KTIMESTAMP), true);
        return s.toString();
    }

    private void entry(StringBuilder s, ConntrackEntry e, boolean event, boolean kernelTimestamps,
            boolean labels) {
        Protocol p = e.protocol();
        if (format.has(OutputModifier.EXTENDED)) {
            AddressFamily f = e.family();
            s.append(String.format(NAME_AND_NUMBER, f.label(), f.number()));
        }
        s.append(String.format(NAME_AND_NUMBER, p.name(), p.number()));
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
        if (e.zoneDirection() == ZoneDirection.ORIGINAL && e.zone() != 0) {
            s.append("zone-orig=").append(e.zone()).append(' ');
        }
        counters(s, e.originalCounters());
        if (!e.hasStatus(StatusFlag.SEEN_REPLY)) {
            s.append("[UNREPLIED] ");
        }
        tuple(s, e.reply());
        if (e.zoneDirection() == ZoneDirection.REPLY && e.zone() != 0) {
            s.append("zone-reply=").append(e.zone()).append(' ');
        }
        counters(s, e.replyCounters());
        if (e.hasStatus(StatusFlag.HW_OFFLOAD)) {
            s.append("[HW_OFFLOAD] ");
        } else if (e.hasStatus(StatusFlag.OFFLOAD)) {
            s.append("[OFFLOAD] ");
        } else if (e.hasStatus(StatusFlag.ASSURED)) {
            s.append("[ASSURED] ");
        }
        if (!event || e.mark() != 0) {
            s.append("mark=").append(e.mark()).append(' ');
        }
        if (e.secmark() != 0) {
            s.append("secmark=").append(e.secmark()).append(' ');
        }
        if (e.zoneDirection() == ZoneDirection.BOTH && e.zone() != 0) {
            s.append("zone=").append(e.zone()).append(' ');
        }
        timestamps(s, e, kernelTimestamps);
        if (e.helper() != null) {
            s.append("helper=").append(e.helper()).append(' ');
        }
        if (e.use() != 0) {
            s.append("use=").append(e.use()).append(' ');
        }
        if (format.has(OutputModifier.ID)) {
            s.append("id=").append(e.id()).append(' ');
        }
        if (labels && labelNames != null && !e.labels().isEmpty()) {
            labels(s, e);
        }
        s.setLength(s.length() - 1);
    }

    /** {@code delta-time=} whenever timestamps were on; with {@code ktimestamp} also start and stop (ctime). */
    private void timestamps(StringBuilder s, ConntrackEntry e, boolean kernelTimestamps) {
        if (e.start() == null) {
            return;
        }
        // The library truncates both times to seconds before it subtracts them.
        long start = e.start().getEpochSecond();
        long stop = e.stop() != null ? e.stop().getEpochSecond() : clock.instant().getEpochSecond();
        s.append("delta-time=").append(Long.toUnsignedString(stop - start)).append(' ');
        if (kernelTimestamps) {
            s.append("[start=").append(Ctime.format(start, clock.getZone())).append("] ");
            if (e.stop() != null) {
                s.append("[stop=").append(Ctime.format(stop, clock.getZone())).append("] ");
            }
        }
    }

    /**
     * {@code labels=} and the names of the set bits that the map names, comma-separated. Unnamed bits are skipped;
     * when none is named the library still removes the last character it wrote, the {@code =}, leaving
     * {@code labels}.
     */
    private void labels(StringBuilder s, ConntrackEntry e) {
        s.append("labels=");
        for (int bit : e.labels()) {
            String name = labelNames.nameOf(bit);
            if (name != null) {
                s.append(name).append(',');
            }
        }
        s.setLength(s.length() - 1);
        s.append(' ');
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
