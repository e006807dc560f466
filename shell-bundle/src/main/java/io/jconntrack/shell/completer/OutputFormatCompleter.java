package io.jconntrack.shell.completer;

import io.jconntrack.shell.format.OutputFormat;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** The values of {@code -o/--output}. */
@Service
public class OutputFormatCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names = Arrays.stream(OutputFormat.values()).map(OutputFormat::label).collect(Collectors.toList());
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
