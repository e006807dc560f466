package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Prints the number of selected entries, alone on its line. */
@Command(scope = "conntrack", name = "count", description = "Counts connection-tracking entries")
@Service
public class CountCommand extends SelectionAction {

    @Override
    protected Object run() {
        ConntrackFilter filter = filter();
        long n = service(netns).count(filter);
        System.out.println(n);
        return null;
    }
}
