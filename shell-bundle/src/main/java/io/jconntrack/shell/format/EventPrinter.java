package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Tuple;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints events as they arrive: {@code conntrack} as {@code conntrack -E} does ({@code "    [NEW] tcp ..."}, with
 * the modifiers of {@code -o}), {@code save} as {@code conntrack -E -o save} ({@code -A}, {@code -U} or {@code -D}
 * lines), {@code json} as one object per line, {@code table} as fixed-width rows under one header (a table that
 * streams cannot size its columns from its content).
 */
public final class EventPrinter {
    private static final String ROW = "%-9s %-7s %-40s %-40s %-11s %5s %10s";
    /** The tool's {@code -o timestamp} prefix, {@code "[%-.8ld.%-.6ld]\t"}: at least 8 and 6 digits. */
    private static final String PRINT_TIME = "[%08d.%06d]\t";
    private static final long NANOS_PER_MICRO = 1000;

    private final OutputFormat format;
    private final PrintStream out;
    private final Clock clock;
    private final ConntrackLineFormat line;
    private final JsonFormat json = new JsonFormat();
    private boolean headerDone;

    public EventPrinter(OutputFormat format, PrintStream out) {
        this(format, out, format.has(OutputModifier.LABELS) ? LabelNames.load() : null, Clock.systemDefaultZone());
    }

    /** With an explicit label map (null: none) and clock (the time of {@code -o timestamp} and its zone). */
    public EventPrinter(OutputFormat format, PrintStream out, LabelNames labelNames, Clock clock) {
        this.format = format;
        this.out = out;
        this.clock = clock;
        this.line = new ConntrackLineFormat(format, labelNames, clock);
    }

    /**
     * What the tool appends to an event a program's request caused: {@code [USERSPACE] portid=N}, and the program's
     * name while a process of that id still runs (the port id of a netlink socket is usually its owner's pid).
     */
    static String origin(ConntrackEvent event) {
        if (!event.fromUserspace()) {
            return "";
        }
        String text = " [USERSPACE] portid=" + event.originPortId();
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Paths.get("/proc",
                    Long.toString(event.originPortId()), "comm")).trim();
            return name.isEmpty() ? text : text + " progname=" + name;
        } catch (java.io.IOException | RuntimeException e) {
            return text; // the process is gone, or the port id is not a pid
        }
    }

    public void print(ConntrackEvent event) {
        ConntrackEntry e = event.entry();
        switch (format.kind()) {
            case CONNTRACK:
                if (format.has(OutputModifier.TIMESTAMP)) {
                    // conntrack 1.4.7 takes the time when it prints the event (gettimeofday).
                    Instant now = clock.instant();
                    out.print(String.format(Locale.ROOT, PRINT_TIME, now.getEpochSecond(),
                            now.getNano() / NANOS_PER_MICRO));
                }
                out.println(line.formatEvent(event.type(), e) + origin(event));
                break;
            case SAVE:
                out.println(SaveFormat.line(saveCommand(event.type()), e) + origin(event));
                break;
            case JSON:
                out.println("{\"event\":\"" + event.type() + "\",\"entry\":" + json.format(e) + "}");
                break;
            default:
                if (!headerDone) {
                    out.println(String.format(ROW, "EVENT", "PROTO", "SOURCE", "DESTINATION", "STATE", "ZONE",
                            "MARK"));
                    headerDone = true;
                }
                String state = e.tcpState() != null ? e.tcpState().name()
                        : e.sctpState() != null ? e.sctpState().name() : "";
                out.println(String.format(ROW, event.type(), e.protocol().name(), endpoint(e.original(), true),
                        endpoint(e.original(), false), state, e.zone(), Long.toUnsignedString(e.mark())));
        }
        out.flush();
    }

    /** The command of an event's save line, as {@code ct_save_snprintf} chooses it by message type. */
    static String saveCommand(EventType type) {
        switch (type) {
            case NEW:
                return SaveFormat.ADD;
            case UPDATE:
                return SaveFormat.UPDATE;
            default:
                return SaveFormat.DELETE;
        }
    }

    /** The line printed when the kernel reported lost events. */
    public void printLost(long overflows) {
        String text = "events were lost: the kernel's event buffer overflowed (overflow " + overflows
                + "); run conntrack:list to resynchronise";
        if (format.kind() == OutputFormat.Kind.JSON) {
            out.println("{\"event\":\"LOST\",\"overflows\":" + overflows + "}");
        } else {
            out.println("[LOST] " + text);
        }
        out.flush();
    }

    private static String endpoint(Tuple t, boolean source) {
        String address = AddressText.of(source ? t.source() : t.destination());
        if (t.protocol().hasPorts()) {
            return address + (address.contains(":") ? "." : ":") + (source ? t.sourcePort() : t.destinationPort());
        }
        return address;
    }
}
