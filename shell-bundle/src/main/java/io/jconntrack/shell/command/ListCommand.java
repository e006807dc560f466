package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EntryPrinter;
import io.jconntrack.shell.format.ExpectationPrinter;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.options.OptionValues;
import io.jconntrack.shell.options.Selection;
import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import io.jconntrack.shell.options.ToolRequest;
import io.jconntrack.shell.options.ToolTable;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Lists entries ({@code conntrack -L}), or the table its first word names: {@code expect} (the expectations, as
 * {@code conntrack -L expect}), {@code dying} or {@code unconfirmed} (those kernel lists). Stdout carries the entries only; the tool's summary
 * ({@code N flow entries have been shown.}) goes to stderr, as the tool writes it. An empty list is not a failure.
 * {@code -o conntrack}, {@code json} and {@code save} print each entry as the kernel dumps it (constant memory); the
 * table holds its rows to size the columns: use {@code --limit} or another format for very large tables.
 */
@Command(scope = "conntrack", name = "list", description = "Lists connection-tracking entries")
@Service
public class ListCommand extends TableAction {

    @Option(name = "-o", aliases = "--output", description = "Output format: table (default), json, conntrack, or "
            + "the tool's modifiers extended,id,timestamp,ktimestamp,labels,userspace or save")
    @Completion(OutputFormatCompleter.class)
    String output;

    @Option(name = "-z", aliases = "--zero", description = "Zero the counters of the listed entries")
    boolean zero;

    @Option(name = "--limit", description = "Stop after N entries")
    String limit;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.LIST;
    }

    @Override
    void addOwnOptions(ToolArgs a) {
        a.putIfGiven(ToolOption.OUTPUT, output).flag(ToolOption.ZERO, zero);
    }

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        ToolRequest r = request();
        if (table == ToolTable.EXPECT) {
            return listExpectations(r);
        }
        Selection sel = r.selection();
        OutputFormat format = OutputFormat.parse("--output", r.output());
        long max = limit == null ? Long.MAX_VALUE : OptionValues.number("--limit", limit, 1, Long.MAX_VALUE);
        ConntrackService s = service(netns);
        EntryPrinter printer = new EntryPrinter(format, out(), !noFormat);
        long[] seen = {0};
        java.util.function.Consumer<io.jconntrack.api.ConntrackEntry> each = e -> {
            if (sel.matches(e)) {
                printer.accept(e);
                if (++seen[0] >= max) {
                    throw new LimitReached();
                }
            }
        };
        try {
            if (table != ToolTable.CONNTRACK) {
                s.forEach(table.list(), sel.filter(), each);
            } else if (r.zero()) {
                requireAdmin();
                s.forEachAndZero(sel.filter(), each);
            } else {
                s.forEach(sel.filter(), each);
            }
        } catch (LimitReached stop) {
            // --limit reached: the dump was ended on purpose.
        }
        printer.finish();
        out().flush();
        err().println(ToolCommand.LIST.summary(seen[0]));
        return null;
    }

    /** {@code conntrack -L expect}: the tool's lines (its modifiers do not change them), JSON or a table. */
    private Object listExpectations(ToolRequest r) {
        OutputFormat format = OutputFormat.parse("--output", r.output());
        if (format.has(io.jconntrack.shell.format.OutputModifier.TIMESTAMP)) {
            throw new IllegalArgumentException("--output: timestamp prefixes the time of printing to the tool's "
                    + "expectation lines; it is not written here");
        }
        long max = limit == null ? Long.MAX_VALUE : OptionValues.number("--limit", limit, 1, Long.MAX_VALUE);
        ExpectationPrinter printer = new ExpectationPrinter(format, out(), !noFormat);
        long[] seen = {0};
        try {
            service(netns).expectations().forEach(r.expectationFilter(), x -> {
                printer.accept(x);
                if (++seen[0] >= max) {
                    throw new LimitReached();
                }
            });
        } catch (LimitReached stop) {
            // --limit reached
        }
        printer.finish();
        out().flush();
        err().println(ToolCommand.EXP_LIST.summary(seen[0]));
        return null;
    }

    /** Ends a dump from inside the consumer; the service rethrows it unchanged. */
    private static final class LimitReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super("limit reached", null, false, false);
        }
    }

    /**
     * {@code -z} zeroes counters: a change, which the command ACL ({@code list = viewer}) cannot tell from a listing;
     * so, as the REST agent does for {@code zero=true}, it needs the role {@code admin} of a console user.
     */
    private static void requireAdmin() {
        javax.security.auth.Subject subject = javax.security.auth.Subject.getSubject(
                java.security.AccessController.getContext());
        if (subject == null) {
            return; // not a console session (plain Java, tests): nothing to check against
        }
        boolean admin = subject.getPrincipals(org.apache.karaf.jaas.boot.principal.RolePrincipal.class).stream()
                .anyMatch(p -> "admin".equals(p.getName()));
        if (!admin) {
            throw new IllegalArgumentException("--zero: zeroing counters is a change and needs the role admin");
        }
    }
}
