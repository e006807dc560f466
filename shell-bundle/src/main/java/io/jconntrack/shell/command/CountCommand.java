package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.options.FamilySplit;
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
        long n = 0;
        for (ConntrackFilter f : FamilySplit.of(filter)) {
            n += s.count(f);
        }
        System.out.println(n);
        return null;
    }
}
