package io.jconntrack.shell.completer;

import io.jconntrack.api.StatusFlag;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Status flag names; after a comma it completes the next flag of the list ({@code ASSURED,SEEN_REPLY}). */
@Service
public class StatusCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String arg = commandLine.getCursorArgument();
        String typed = arg == null ? "" : arg.substring(0, Math.min(commandLine.getArgumentPosition(), arg.length()));
        return new StringsCompleter(candidates(typed), false).complete(session, commandLine, candidates);
    }

    static List<String> candidates(String typed) {
        String head = typed.substring(0, typed.lastIndexOf(',') + 1);
        List<String> out = new ArrayList<>();
        for (StatusFlag f : StatusFlag.values()) {
            out.add(head + f.name());
        }
        return out;
    }
}
