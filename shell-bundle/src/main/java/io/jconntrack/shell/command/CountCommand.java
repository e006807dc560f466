package io.jconntrack.shell.command;

import io.jconntrack.shell.options.Selection;
import io.jconntrack.shell.options.ToolCommand;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Prints the number of selected entries, alone on its line (with list's selection options); with {@code expect}
 * first, the number of expectations ({@code conntrack -C expect}).
 */
@Command(scope = "conntrack", name = "count", description = "Counts connection-tracking entries")
@Service
public class CountCommand extends TableAction {

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.LIST;
    }

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        io.jconntrack.shell.options.ToolRequest r = request();
        table.requireTable();
        if (table == io.jconntrack.shell.options.ToolTable.EXPECT) {
            out().println(service(netns).expectations().count(r.expectationFilter()));
            return null;
        }
        Selection sel = r.selection();
        io.jconntrack.api.ConntrackService s = service(netns);
        if (!sel.hasExtra()) {
            out().println(s.count(sel.filter()));
            return null;
        }
        long[] n = {0};
        s.forEach(sel.filter(), e -> n[0] += sel.matches(e) ? 1 : 0);
        out().println(n[0]);
        return null;
    }
}
