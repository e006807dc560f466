package io.jconntrack.shell.completer;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Protocol names as {@code conntrack -p} spells them. */
@Service
public class ProtocolCompleter implements Completer {
    static final List<String> NAMES = List.of("tcp", "udp", "icmp", "icmpv6", "sctp", "dccp", "udplite", "gre");

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(NAMES, false).complete(session, commandLine, candidates);
    }
}
