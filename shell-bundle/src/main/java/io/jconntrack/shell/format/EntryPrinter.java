package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Prints entries in one output format as they arrive. The {@code conntrack}, {@code save} and {@code json} formats
 * print each entry at once, so a dump of any size streams; the table collects its rows and prints them in
 * {@link #finish}.
 */
public final class EntryPrinter implements Consumer<ConntrackEntry> {
    private final OutputFormat format;
    private final PrintStream out;
    private final boolean tableFormatting;
    private final PrintingCommand command;
    private final ConntrackLineFormat line;
    private final JsonFormat json = new JsonFormat();
    private final EntryTable table;

    /**
     * Entries as {@code conntrack -L} prints them.
     *
     * @param tableFormatting false for Karaf's {@code --no-format} (no header, no padding)
     */
    public EntryPrinter(OutputFormat format, PrintStream out, boolean tableFormatting) {
        this(format, out, tableFormatting, PrintingCommand.LIST);
    }

    /**
     * Entries as the given conntrack command prints them (it decides the modifiers honoured and the command of
     * save lines). Label names are read from {@link LabelNames#CONNLABEL_CONF} when {@code -o labels} asks for them.
     */
    public EntryPrinter(OutputFormat format, PrintStream out, boolean tableFormatting, PrintingCommand command) {
        this(format, out, tableFormatting, command,
                format.has(OutputModifier.LABELS) ? LabelNames.load() : null, Clock.systemDefaultZone());
    }

    /**
     * With an explicit label map (the tool also loads it for {@code -l}, {@code --label-add} and
     * {@code --label-del}; null: none) and clock.
     */
    public EntryPrinter(OutputFormat format, PrintStream out, boolean tableFormatting, PrintingCommand command,
            LabelNames labelNames, Clock clock) {
        this.format = format;
        this.out = out;
        this.tableFormatting = tableFormatting;
        this.command = command;
        this.line = new ConntrackLineFormat(format, labelNames, clock);
        this.table = format.kind() == OutputFormat.Kind.TABLE ? new EntryTable() : null;
    }

    @Override
    public void accept(ConntrackEntry e) {
        switch (format.kind()) {
            case CONNTRACK:
                out.println(line.format(e, command));
                break;
            case SAVE:
                out.println(SaveFormat.line(command.saveCommand(), e));
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
