package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.PrintStream;
import java.util.function.Consumer;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Prints expectations in one output format: the tool's line ({@code conntrack}, with or without modifiers), JSON
 * Lines, or a table printed in {@link #finish}. {@code save} has no expectation form in the tool and is refused.
 */
public final class ExpectationPrinter implements Consumer<Expectation> {
    private final OutputFormat format;
    private final PrintStream out;
    private final boolean tableFormatting;
    private final ShellTable table;

    public ExpectationPrinter(OutputFormat format, PrintStream out, boolean tableFormatting) {
        if (format.kind() == OutputFormat.Kind.SAVE) {
            throw new IllegalArgumentException("--output: save writes conntrack entries; expectations are printed "
                    + "as conntrack, json or table");
        }
        this.format = format;
        this.out = out;
        this.tableFormatting = tableFormatting;
        this.table = format.kind() == OutputFormat.Kind.TABLE ? newTable() : null;
    }

    private static ShellTable newTable() {
        ShellTable t = new ShellTable();
        for (String c : new String[] {"PROTO", "SRC", "DST", "SPORT", "DPORT", "MASTER", "HELPER", "ZONE",
            "TIMEOUT", "FLAGS"}) {
            t.column(c);
        }
        t.emptyTableText("no expectations");
        return t;
    }

    @Override
    public void accept(Expectation x) {
        switch (format.kind()) {
            case CONNTRACK:
                out.println(ExpectationLineFormat.format(x));
                break;
            case JSON:
                out.println(json(x));
                break;
            default:
                Tuple e = x.expected();
                boolean ports = e.protocol().hasPorts();
                table.addRow().addContent(e.protocol().name(), AddressText.of(e.source()),
                        AddressText.of(e.destination()), ports ? Integer.toString(e.sourcePort()) : "",
                        ports ? Integer.toString(e.destinationPort()) : "",
                        ConntrackLineFormat.tupleText(x.master()), x.helper() == null ? "" : x.helper(),
                        Integer.toString(x.zone()), x.timeout() == Expectation.NO_TIMEOUT ? "" : Long.toString(
                                x.timeout()), String.join(",", x.flags().stream().map(Enum::name).toList()));
        }
    }

    /** One expectation as one JSON object. */
    static String json(Expectation x) {
        Json j = new Json().field("family", x.family().label()).field("proto", x.expected().protocol().name())
                .number("protonum", x.expected().protocol().number());
        if (x.timeout() != Expectation.NO_TIMEOUT) {
            j.unsigned("timeout", x.timeout());
        }
        j.object("expected", tuple(x.expected())).object("mask", tuple(x.mask())).object("master", tuple(x.master()))
                .number("zone", x.zone()).field("helper", x.helper()).unsigned("class", x.expectationClass())
                .strings("flags", x.flags());
        if (x.nat() != null) {
            j.object("nat", tuple(x.nat().tuple()).field("dir", x.nat().reply() ? "reply" : "original"));
        }
        j.field("fn", x.function());
        if (x.id() != 0) {
            j.unsigned("id", x.id());
        }
        return j.toString();
    }

    private static Json tuple(Tuple t) {
        Json j = new Json().field("proto", t.protocol().name()).field("src", AddressText.of(t.source()))
                .field("dst", AddressText.of(t.destination()));
        Protocol p = t.protocol();
        if (p.hasPorts()) {
            j.number("sport", t.sourcePort()).number("dport", t.destinationPort());
        } else if (p.isIcmp()) {
            j.number("type", t.icmpType()).number("code", t.icmpCode()).number("id", t.icmpId());
        }
        return j;
    }

    /** Prints what was held back (the table); call once after the last expectation. */
    public void finish() {
        if (table != null) {
            table.print(out, tableFormatting);
        }
        out.flush();
    }
}
