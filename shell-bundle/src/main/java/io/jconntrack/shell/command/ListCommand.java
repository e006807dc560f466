package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EntryPrinter;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.options.OptionValues;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Lists entries. {@code -o conntrack} and {@code -o json} print each entry as the kernel dumps it (constant
 * memory); the table has to see all rows to size its columns, so it holds them: use {@code --limit} or another
 * format for very large tables.
 */
@Command(scope = "conntrack", name = "list", description = "Lists connection-tracking entries")
@Service
public class ListCommand extends SelectionAction {

    @Option(name = "-o", aliases = "--output", description = "Output format: table (default), conntrack (as "
            + "conntrack -L), json (one object per line)")
    @Completion(OutputFormatCompleter.class)
    String output;

    @Option(name = "--limit", description = "Stop after N entries")
    String limit;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    protected Object run() {
        OutputFormat format = OutputFormat.parse("--output", output);
        long max = limit == null ? Long.MAX_VALUE : OptionValues.number("--limit", limit, 1, Long.MAX_VALUE);
        ConntrackFilter filter = filter();
        ConntrackService s = service(netns);
        EntryPrinter printer = new EntryPrinter(format, System.out, !noFormat);
        long[] seen = {0};
        try {
            s.forEach(filter, e -> {
                printer.accept(e);
                if (++seen[0] >= max) {
                    throw new LimitReached();
                }
            });
        } catch (LimitReached stop) {
            // --limit reached: the dump was ended on purpose.
        }
        printer.finish();
        return null;
    }

    /** Ends a dump from inside the consumer; the service rethrows it unchanged. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super("limit reached", null, false, false);
        }
    }
}
