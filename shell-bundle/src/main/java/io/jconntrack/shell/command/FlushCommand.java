package io.jconntrack.shell.command;

import io.jconntrack.shell.options.OptionValues;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolTable;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Empties the table of a namespace, or one zone of it; {@code flush expect} empties its expectations. */
@Command(scope = "conntrack", name = "flush", description = "Removes all entries, or all entries of one zone")
@Service
public class FlushCommand extends ConntrackAction {


    @Option(name = "-w", aliases = "--zone", description = "Flush only this zone 0..65535")
    String zone;

    @Argument(name = "table", description = "conntrack (the default) or expect, as the tool's -F takes it")
    @Completion(value = StringsCompleter.class, values = {"conntrack", "expect"})
    String table;

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        ToolTable t = table == null ? ToolTable.CONNTRACK : ToolTable.parse(table);
        t.requireListing(ToolCommand.FLUSH);
        Integer z = zone == null ? null : OptionValues.zone("--zone", zone);
        if (t == ToolTable.EXPECT) {
            if (z != null) {
                throw new IllegalArgumentException("--zone: Illegal option `--zone' with this command");
            }
            service(netns).expectations().flush();
            System.out.println("Flushed all expectations" + inNamespace(netns));
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
