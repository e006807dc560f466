package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolRequest;
import io.jconntrack.shell.options.ToolTable;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Empties the table of a namespace, or one zone of it; {@code flush expect} empties its expectations. Options and
 * the table word are read as every table command reads them ({@link TableAction}): in any order, numbers as the
 * tool reads them, and only those the tool's {@code -F} takes, and {@code -w}.
 */
@Command(scope = "conntrack", name = "flush", description = "Removes all entries, or all entries of one zone")
@Service
public class FlushCommand extends TableAction {

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.CONSOLE_FLUSH;
    }

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        ToolRequest r = request();
        Integer z = r.zone();
        if (table == ToolTable.EXPECT) {
            service(netns).expectations().flush();
            out().println("Flushed all expectations" + inNamespace(netns));
            return null;
        }
        if (z == null) {
            service(netns).flush();
            out().println("Flushed all entries" + inNamespace(netns));
        } else {
            service(netns).flush(z);
            out().println("Flushed zone " + z + inNamespace(netns));
        }
        return null;
    }
}
