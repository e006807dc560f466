package io.jconntrack.shell.completer;

import io.jconntrack.api.TcpState;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** TCP state names. */
@Service
public class TcpStateCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names = Arrays.stream(TcpState.values()).map(Enum::name).collect(Collectors.toList());
        return new StringsCompleter(names, false).complete(session, commandLine, candidates);
    }
}
