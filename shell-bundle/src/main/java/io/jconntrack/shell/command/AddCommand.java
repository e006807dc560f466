package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolCommand;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Creates an entry, or updates it when it exists ({@code conntrack -A}): an existing entry is not a failure. */
@Command(scope = "conntrack", name = "add", description = "Creates a connection-tracking entry, or updates it "
        + "when it exists")
@Service
public class AddCommand extends CreatingAction {

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.ADD;
    }

    @Override
    protected Object run() {
        io.jconntrack.api.ConntrackEntry e = request().entry();
        service(netns).createOrUpdate(e);
        System.out.println(ToolCommand.ADD.summary(1));
        return null;
    }
}
