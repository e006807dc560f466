package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes the selected entries; an empty selection needs {@code --all}, so a forgotten option empties nothing. */
@Command(scope = "conntrack", name = "delete", description = "Deletes the selected connection-tracking entries")
@Service
public class DeleteCommand extends SelectionAction {

    @Option(name = "--all", description = "Allow deleting every entry when no selection option is given")
    boolean all;

    @Option(name = "--dry-run", description = "Only count what would be deleted")
    boolean dryRun;

    @Override
    protected Object run() {
        ConntrackFilter filter = filter();
        if (filter.isEmpty() && !all) {
            throw new IllegalArgumentException("no selection option given; add --all to delete every entry"
                    + inNamespace(netns));
        }
        ConntrackService s = service(netns);
        long n = dryRun ? s.count(filter) : s.deleteMatching(filter);
        System.out.println(n + (dryRun ? " entries would be deleted" : " entries deleted"));
        return null;
    }
}
