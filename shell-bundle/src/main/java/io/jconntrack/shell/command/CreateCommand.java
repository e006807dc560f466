package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolCommand;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Creates one entry ({@code conntrack -I}) from its original tuple, its reply tuple or both, with NAT
 * ({@code --src-nat IP[:PORT]}, {@code --dst-nat}), a zone for both directions or one, mark, status, labels.
 * Fails when the entry exists (the kernel's EEXIST). With {@code expect} first, creates an expectation as
 * {@code conntrack -I expect}: master {@code -s -d -p --sport --dport}, expected tuple {@code --tuple-src
 * --tuple-dst --tuple-port-src --tuple-port-dst}, mask {@code --mask-src --mask-dst --mask-port-src
 * --mask-port-dst}, {@code -t}; the master must exist and have a helper.
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
        io.jconntrack.shell.options.ToolRequest r = request();
        if (table == io.jconntrack.shell.options.ToolTable.EXPECT) {
            // As the tool: nothing printed on success.
            service(netns).expectations().create(r.expectation());
            return null;
        }
        io.jconntrack.api.ConntrackEntry e = r.entry();
        service(netns).create(e);
        out().println(ToolCommand.CREATE.summary(1));
        return null;
    }
}
