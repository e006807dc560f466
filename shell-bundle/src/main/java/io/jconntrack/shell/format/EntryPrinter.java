package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Prints entries in one output format as they arrive. The {@code conntrack} and {@code json} formats print each
 * entry at once, so a dump of any size streams; the table collects its rows and prints them in {@link #finish}.
 */
public final class EntryPrinter implements Consumer<ConntrackEntry> {
    private final OutputFormat format;
    private final PrintStream out;
    private final boolean tableFormatting;
    private final ConntrackLineFormat line = new ConntrackLineFormat();
    private final JsonFormat json = new JsonFormat();
    private final EntryTable table;

    /** {@code tableFormatting}: false for Karaf's {@code --no-format} (no header, no padding). */
    public EntryPrinter(OutputFormat format, PrintStream out, boolean tableFormatting) {
        this.format = format;
        this.out = out;
        this.tableFormatting = tableFormatting;
        this.table = format == OutputFormat.TABLE ? new EntryTable() : null;
    }

    @Override
    public void accept(ConntrackEntry e) {
        switch (format) {
            case CONNTRACK:
                out.println(line.format(e));
                break;
            case JSON:
                out.println(json.format(e));
                break;
            default:
                table.add(e);
        }
    }

    /** Prints what was held back (the table); call once after the last entry. */
    public void finish() {
        if (table != null) {
            table.print(out, tableFormatting);
        }
        out.flush();
    }
}
