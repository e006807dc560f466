package io.jconntrack.shell.command;

import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolOption;
import org.apache.karaf.shell.api.action.Option;

/** The options of create and add beyond the table's: timeout, labels, SCTP verification tags, DCCP role. */
public abstract class CreatingAction extends TableAction {

    @Option(name = "-t", aliases = "--timeout", description = "Timeout in seconds (required)")
    String timeout;

    @Option(name = "--label-add", description = "Labels to set: names from connlabel.conf or numbers 0..127")
    String labelAdd;

    @Option(name = "--orig-vtag", description = "SCTP original verification tag (required for sctp)")
    String origVtag;

    @Option(name = "--reply-vtag", description = "SCTP reply verification tag (required for sctp)")
    String replyVtag;

    @Option(name = "--role", description = "DCCP role: client or server (required for dccp; checked, not sent)")
    String role;

    @Override
    void addOwnOptions(ToolArgs a) {
        a.putIfGiven(ToolOption.TIMEOUT, timeout).putIfGiven(ToolOption.LABEL_ADD, labelAdd)
                .putIfGiven(ToolOption.ORIG_VTAG, origVtag).putIfGiven(ToolOption.REPLY_VTAG, replyVtag)
                .putIfGiven(ToolOption.ROLE, role);
    }
}
