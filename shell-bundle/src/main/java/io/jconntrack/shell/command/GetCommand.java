package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.ConntrackLineFormat;
import io.jconntrack.shell.format.EntryPrinter;
import io.jconntrack.shell.format.OutputFormat;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows the entry with the given original tuple and zone ({@code conntrack -G}). */
@Command(scope = "conntrack", name = "get", description = "Shows one entry by its original tuple")
@Service
public class GetCommand extends TupleAction {

    @Option(name = "-o", aliases = "--output", description = "Output format: table (default), conntrack, json")
    @Completion(OutputFormatCompleter.class)
    String output;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Override
    protected Object run() {
        OutputFormat format = OutputFormat.parse("--output", output);
        Tuple t = tuple();
        int z = zoneOrDefault();
        Optional<ConntrackEntry> e = service(netns).get(t, z);
        if (e.isEmpty()) {
            System.err.println("Error: no entry " + ConntrackLineFormat.tupleText(t) + " in zone " + z
                    + inNamespace(netns));
            return null;
        }
        EntryPrinter printer = new EntryPrinter(format, System.out, !noFormat);
        printer.accept(e.get());
        printer.finish();
        return null;
    }
}
