package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolCommand;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Creates one entry ({@code conntrack -I}) from its original tuple, its reply tuple or both, with NAT
 * ({@code --src-nat IP[:PORT]}, {@code --dst-nat}), a zone for both directions or one, mark, status, labels.
 * Fails when the entry exists (the kernel's EEXIST).
 */
@Command(scope = "conntrack", name = "create", description = "Creates a connection-tracking entry")
@Service
public class CreateCommand extends CreatingAction {

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.CREATE;
    }

    @Override
    protected Object run() {
        io.jconntrack.api.ConntrackEntry e = request().entry();
        service(netns).create(e);
        System.out.println(ToolCommand.CREATE.summary(1));
        return null;
    }
}
