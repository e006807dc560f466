package io.jconntrack.shell.command;

import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EntryPrinter;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.format.PrintingCommand;
import io.jconntrack.shell.format.SaveFormat;
import io.jconntrack.shell.options.Selection;
import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import io.jconntrack.shell.options.ToolRequest;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Deletes the selected entries ({@code conntrack -D}) and fails, as the tool does, when none was selected. An empty
 * selection needs {@code --all}, so a forgotten option empties nothing. With {@code -o} each deleted entry is printed
 * (e.g. {@code -o save} for restore elsewhere) and the summary goes to stderr, keeping stdout to the entries.
 */
@Command(scope = "conntrack", name = "delete", description = "Deletes the selected connection-tracking entries")
@Service
public class DeleteCommand extends TableAction {
    private static final String SAVE = "save";
    private static final String DELETE_LINE = "-D";

    @Option(name = "-t", aliases = "--timeout", description = "Accepted as by the tool; it selects nothing")
    String timeout;

    @Option(name = "-o", aliases = "--output", description = "Print each deleted entry in this format (as list)")
    @Completion(OutputFormatCompleter.class)
    String output;

    @Option(name = "--all", description = "Allow deleting every entry when no selection option is given")
    boolean all;

    @Option(name = "--dry-run", description = "Only count what would be deleted")
    boolean dryRun;

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.DELETE;
    }

    @Override
    void addOwnOptions(ToolArgs a) {
        a.putIfGiven(ToolOption.TIMEOUT, timeout).putIfGiven(ToolOption.OUTPUT, output);
    }

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        ToolRequest r = request();
        if (table == io.jconntrack.shell.options.ToolTable.EXPECT) {
            return deleteExpectation(r);
        }
        Selection sel = r.selection();
        OutputFormat format = r.output() == null ? null : OutputFormat.parse("--output", r.output());
        if (sel.isEverything() && !all) {
            throw new IllegalArgumentException("no selection option given; add --all to delete every entry"
                    + inNamespace(netns));
        }
        io.jconntrack.api.ConntrackService s = service(netns);
        long n;
        if (dryRun) {
            long[] c = {0};
            s.forEach(sel.filter(), e -> c[0] += sel.matches(e) ? 1 : 0);
            out().println(c[0] + " flow entries would be deleted.");
            return null;
        }
        if (format == null) {
            n = ToolExecutor.delete(s, sel, null);
            if (n == 0) {
                throw new CommandFailed(ToolCommand.DELETE.summary(0) + inNamespace(netns));
            }
            out().println(ToolCommand.DELETE.summary(n));
            return null;
        }
        n = deleteShowing(s, sel, format, r.output());
        out().flush();
        if (n == 0) {
            throw new CommandFailed(ToolCommand.DELETE.summary(0) + inNamespace(netns));
        }
        err().println(ToolCommand.DELETE.summary(n));
        return null;
    }

    /**
     * {@code conntrack -D expect}: the expectation whose expected tuple {@code -s -d -p --sport --dport} name, in
     * zone 0, guarded by the id it has when looked up. Nothing printed on success, as the tool.
     */
    private Object deleteExpectation(ToolRequest r) {
        if (all || dryRun) {
            throw new IllegalArgumentException((all ? "--all" : "--dry-run") + ": not for the expect table; "
                    + "conntrack:flush expect deletes every expectation");
        }
        io.jconntrack.api.Tuple expected = r.expectedTuple();
        io.jconntrack.api.ExpectationService x = service(netns).expectations();
        boolean deleted = x.get(expected, 0).map(x::delete).orElse(false);
        if (!deleted) {
            throw new CommandFailed("no expectation of " + io.jconntrack.shell.format.ConntrackLineFormat.tupleText(
                    expected) + inNamespace(netns));
        }
        return null;
    }

    /** Deletes and prints each deleted entry; {@code -o save} lines are {@code -D} commands, as the tool's. */
    private long deleteShowing(io.jconntrack.api.ConntrackService s, Selection sel, OutputFormat format,
                                      String output) {
        if (SAVE.equals(output)) {
            return ToolExecutor.delete(s, sel, e -> out().println(SaveFormat.line(DELETE_LINE, e)));
        }
        // As the tool's -D prints them: without labels or kernel timestamps.
        EntryPrinter printer = new EntryPrinter(format, out(), true, PrintingCommand.DELETE);
        long n = ToolExecutor.delete(s, sel, printer);
        printer.finish();
        return n;
    }
}
