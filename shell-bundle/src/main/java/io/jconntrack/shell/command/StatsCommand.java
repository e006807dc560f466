package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.CpuStatistics;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.shell.options.ToolTable;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Entry count, table maximum and per-CPU counters ({@code conntrack -S} and {@code -C}); {@code expect}: the
 * expectation table's per-CPU counters, in the lines {@code conntrack -S expect} prints.
 */
@Command(scope = "conntrack", name = "stats", description = "Shows conntrack table statistics (expect: the "
        + "expectation table's, as conntrack -S expect)")
@Service
public class StatsCommand extends ConntrackAction {

    @Argument(name = "table", description = "conntrack (default) or expect; any prefix, as the tool takes it")
    @Completion(value = StringsCompleter.class, values = {"conntrack", "expect"})
    String table;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        ToolTable t = table == null ? ToolTable.CONNTRACK : ToolTable.parse(table);
        if (t == ToolTable.EXPECT) {
            for (ExpectationStatistics c : service(netns).expectations().statistics()) {
                // conntrack-tools' format: "cpu=%-4u\t" and each counter followed by a space.
                out().printf("cpu=%-4d\texpect_new=%d expect_create=%d expect_delete=%d %n", c.cpu(), c.created(),
                        c.inserted(), c.deleted());
            }
            return null;
        }
        if (t != ToolTable.CONNTRACK) {
            throw new IllegalArgumentException("Cannot use command `-S' with " + t.word());
        }
        ConntrackStatistics st = service(netns).statistics();
        out().println("entries: " + st.entries());
        out().println("maximum: " + st.maxEntries());
        ShellTable table = new ShellTable();
        for (String c : new String[] {"CPU", "FOUND", "INVALID", "INSERT", "INSERT_FAILED", "DROP", "EARLY_DROP",
            "ERROR", "SEARCH_RESTART", "CLASH_RESOLVE", "CHAIN_TOO_LONG"}) {
            table.column(c).alignRight();
        }
        for (CpuStatistics c : st.perCpu()) {
            table.addRow().addContent(c.cpu(), c.found(), c.invalid(), c.insert(), c.insertFailed(), c.drop(),
                    c.earlyDrop(), c.error(), c.searchRestart(), c.clashResolve(), c.chainTooLong());
        }
        if (noFormat) {
            table.noHeaders();
        }
        table.print(out(), !noFormat);
        return null;
    }
}
