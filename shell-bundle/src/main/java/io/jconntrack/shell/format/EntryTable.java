package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import java.io.PrintStream;
import java.util.StringJoiner;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Entries as a Karaf {@code ShellTable}. A table sizes its columns from all rows, so rows (strings, not entries) are
 * held until {@link #print}; the list command bounds that with {@code --limit}.
 *
 * <p>SPORT/DPORT hold ports; for ICMP they hold {@code id=N} and {@code type/code}, for GRE the keys in hex.
 */
public final class EntryTable {
    private final ShellTable table = new ShellTable();

    public EntryTable() {
        for (String c : new String[] {"PROTO", "SRC", "DST", "SPORT", "DPORT", "STATE", "ZONE", "MARK", "TIMEOUT",
            "FLAGS"}) {
            table.column(c);
        }
        table.emptyTableText("no entries");
    }

    public EntryTable add(ConntrackEntry e) {
        Tuple o = e.original();
        Protocol p = o.protocol();
        String sport = "";
        String dport = "";
        if (p.hasPorts()) {
            sport = Integer.toString(o.sourcePort());
            dport = Integer.toString(o.destinationPort());
        } else if (p.equals(Protocol.GRE)) {
            sport = "0x" + Integer.toHexString(o.sourcePort());
            dport = "0x" + Integer.toHexString(o.destinationPort());
        } else if (p.isIcmp()) {
            sport = "id=" + o.icmpId();
            dport = o.icmpType() + "/" + o.icmpCode();
        }
        String state = e.tcpState() != null ? e.tcpState().name()
                : e.sctpState() != null ? e.sctpState().name()
                : e.dccpState() != null ? e.dccpState().name() : "";
        table.addRow().addContent(p.toString(), AddressText.of(o.source()), AddressText.of(o.destination()),
                sport, dport, state, e.zone(), e.mark(),
                e.timeout() == ConntrackEntry.NO_TIMEOUT ? "" : Long.toString(e.timeout()), flags(e));
        return this;
    }

    static String flags(ConntrackEntry e) {
        StringJoiner j = new StringJoiner(",");
        for (StatusFlag f : e.status()) {
            j.add(f.name());
        }
        return j.toString();
    }

    /** Prints the table; without format (Karaf's {@code --no-format}) no header and no column padding. */
    public void print(PrintStream out, boolean format) {
        if (!format) {
            table.noHeaders();
        }
        table.print(out, format);
    }
}
