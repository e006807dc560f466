package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Prints the number of selected entries, alone on its line. */
@Command(scope = "conntrack", name = "count", description = "Counts connection-tracking entries")
@Service
public class CountCommand extends SelectionAction {

    @Override
    protected Object run() {
        ConntrackFilter filter = filter();
        ConntrackService s = service(netns);
        System.out.println(s.count(filter));
        return null;
    }
}
