package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolCommand;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Adds an entry as {@code conntrack -A} does: creates it, and an entry that exists already is not a failure. Like
 * the tool (1.4.7 sends the create with {@code NLM_F_EXCL}), an existing entry is left as it is and reported as
 * {@code 0 flow entries have been added.}; {@code conntrack:update} changes existing entries.
 */
@Command(scope = "conntrack", name = "add", description = "Creates a connection-tracking entry; an existing one is "
        + "not a failure")
@Service
public class AddCommand extends CreatingAction {
    @Override
    ToolCommand toolCommand() {
        return ToolCommand.ADD;
    }

    @Override
    protected Object run() {
        long added = ToolExecutor.add(service(netns), request().entry()) ? 1 : 0;
        out().println(ToolCommand.ADD.summary(added));
        return null;
    }
}
