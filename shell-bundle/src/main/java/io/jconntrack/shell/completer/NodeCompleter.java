package io.jconntrack.shell.completer;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Node names for {@code -N}: those of the registered conntrack services, and {@code all}. */
@Service
public class NodeCompleter implements Completer {

    @Reference
    BundleContext context;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (ServiceReference<ConntrackService> r : context.getServiceReferences(ConntrackService.class,
                    "(" + ConntrackNodes.PROPERTY + "=*)")) {
                names.add(String.valueOf(r.getProperty(ConntrackNodes.PROPERTY)));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> all = new ArrayList<>(names);
        all.add("all");
        return new StringsCompleter(all).complete(session, commandLine, candidates);
    }
}
