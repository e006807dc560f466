package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** The zones present in the table with their entry counts, from one streaming dump. */
@Command(scope = "conntrack", name = "zones", description = "Lists the conntrack zones in use with their entry counts")
@Service
public class ZonesCommand extends ConntrackAction {


    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        // At most 65,536 counters, whatever the table size.
        Map<Integer, long[]> counts = new TreeMap<>();
        service(netns).forEach(ConntrackFilter.ALL, e -> counts.computeIfAbsent(e.zone(), z -> new long[1])[0]++);
        ShellTable table = new ShellTable();
        table.column("ZONE").alignRight();
        table.column("ENTRIES").alignRight();
        counts.forEach((zone, n) -> table.addRow().addContent(zone, n[0]));
        if (noFormat) {
            table.noHeaders();
        }
        table.print(out(), !noFormat);
        return null;
    }
}
