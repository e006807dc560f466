package io.jconntrack.shell.command;

import io.jconntrack.shell.options.OptionValues;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Empties the table of a namespace, or one zone of it. */
@Command(scope = "conntrack", name = "flush", description = "Removes all entries, or all entries of one zone")
@Service
public class FlushCommand extends ConntrackAction {


    @Option(name = "-w", aliases = "--zone", description = "Flush only this zone 0..65535")
    String zone;

    @Override
    boolean fansOut() {
        return true;
    }

    @Override
    protected Object run() {
        Integer z = zone == null ? null : OptionValues.zone("--zone", zone);
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
