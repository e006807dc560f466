package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EntryPrinter;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import io.jconntrack.shell.options.ToolRequest;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Shows the entry with the given tuple and zone ({@code conntrack -G}): the original tuple, or the reply tuple
 * ({@code -r/-q}) whose inverse is the original. Fails when there is none, as the tool does.
 */
@Command(scope = "conntrack", name = "get", description = "Shows one entry by its tuple")
@Service
public class GetCommand extends TableAction {

    @Option(name = "-o", aliases = "--output", description = "Output format: table (default), conntrack, json, ...")
    @Completion(OutputFormatCompleter.class)
    String output;

    @Option(name = "--orig-vtag", description = "SCTP original verification tag")
    String origVtag;

    @Option(name = "--reply-vtag", description = "SCTP reply verification tag")
    String replyVtag;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    ToolCommand toolCommand() {
        return ToolCommand.GET;
    }

    @Override
    void addOwnOptions(ToolArgs a) {
        a.putIfGiven(ToolOption.OUTPUT, output).putIfGiven(ToolOption.ORIG_VTAG, origVtag)
                .putIfGiven(ToolOption.REPLY_VTAG, replyVtag);
    }

    @Override
    protected Object run() {
        ToolRequest r = request();
        OutputFormat format = OutputFormat.parse("--output", r.output());
        Tuple t = r.getTuple();
        int z = r.getZone();
        Optional<ConntrackEntry> e = service(netns).get(t, z);
        if (e.isEmpty()) {
            throw new CommandFailed("such conntrack doesn't exist: " + t + " zone=" + z + inNamespace(netns));
        }
        EntryPrinter printer = new EntryPrinter(format, out(), !noFormat);
        printer.accept(e.get());
        printer.finish();
        return null;
    }
}
