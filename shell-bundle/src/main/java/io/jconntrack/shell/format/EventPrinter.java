package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.Tuple;
import java.io.PrintStream;

/**
 * Prints events as they arrive: {@code conntrack} as {@code conntrack -E} does ({@code "    [NEW] tcp ..."}),
 * {@code json} as one object per line, {@code table} as fixed-width rows under one header (a table that streams
 * cannot size its columns from its content).
 */
public final class EventPrinter {
    private static final String ROW = "%-9s %-7s %-40s %-40s %-11s %5s %10s";
    private final OutputFormat format;
    private final PrintStream out;
    private final ConntrackLineFormat line = new ConntrackLineFormat();
    private final JsonFormat json = new JsonFormat();
    private boolean headerDone;

    public EventPrinter(OutputFormat format, PrintStream out) {
        this.format = format;
        this.out = out;
    }

    public void print(ConntrackEvent event) {
        ConntrackEntry e = event.entry();
        switch (format) {
            case CONNTRACK:
                out.println(String.format("%9s ", "[" + event.type() + "]") + line.format(e));
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

    /** The line printed when the kernel reported lost events. */
    public void printLost(long overflows) {
        String text = "events were lost: the kernel's event buffer overflowed (overflow " + overflows
                + "); run conntrack:list to resynchronise";
        if (format == OutputFormat.JSON) {
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
