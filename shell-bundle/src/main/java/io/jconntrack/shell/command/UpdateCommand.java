package io.jconntrack.shell.command;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.shell.options.Selection;
import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import io.jconntrack.shell.options.ToolRequest;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Changes every selected entry ({@code conntrack -U}): {@code -m MARK[/MASK]}, {@code -u} flags to set,
 * {@code --label-add}/{@code --label-del}, {@code -t}. As the tool, {@code -m} and {@code -u} are the change here,
 * not the selection, and entries the change would leave as they are are not counted; it fails when it changed
 * nothing.
 */
@Command(scope = "conntrack", name = "update", description = "Changes mark, status, labels or timeout of every "
        + "selected entry")
@Service
public class UpdateCommand extends TableAction {

    @Option(name = "-t", aliases = "--timeout", description = "New timeout in seconds")
    String timeout;

    @Option(name = "--label-add", description = "Labels to set: names or numbers 0..127")
    String labelAdd;

    @Option(name = "--label-del", description = "Labels to clear (all when no value follows)")
    boolean labelDel;

    @Option(name = "--orig-vtag", description = "SCTP original verification tag")
    String origVtag;

    @Option(name = "--reply-vtag", description = "SCTP reply verification tag")
    String replyVtag;

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.UPDATE;
    }

    @Override
    void addOwnOptions(ToolArgs a) {
        a.putIfGiven(ToolOption.TIMEOUT, timeout).putIfGiven(ToolOption.LABEL_ADD, labelAdd)
                .putIfGiven(ToolOption.ORIG_VTAG, origVtag).putIfGiven(ToolOption.REPLY_VTAG, replyVtag);
    }

    @Override
    boolean labelDelGiven() {
        return labelDel;
    }

    @Override
    protected Object run() {
        ToolRequest r = request();
        Selection sel = r.selection();
        ConntrackChange change = r.change();
        BulkResult result = ToolExecutor.update(service(netns), sel, change);
        if (!result.failures().isEmpty()) {
            throw new CommandFailed(ToolCommand.UPDATE.summary(result.succeeded()) + " "
                    + ToolExecutor.failures(result.failures()));
        }
        if (result.succeeded() == 0) {
            throw new CommandFailed(ToolCommand.UPDATE.summary(0) + inNamespace(netns));
        }
        out().println(ToolCommand.UPDATE.summary(result.succeeded()));
        return null;
    }
}
