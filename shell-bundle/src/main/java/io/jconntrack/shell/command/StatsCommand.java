package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.CpuStatistics;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Entry count, table maximum and per-CPU counters ({@code conntrack -S} and {@code -C}). */
@Command(scope = "conntrack", name = "stats", description = "Shows conntrack table statistics")
@Service
public class StatsCommand extends ConntrackAction {


    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
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
