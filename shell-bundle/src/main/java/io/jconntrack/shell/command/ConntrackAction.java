package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.completer.NetnsCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * Base of the conntrack commands: the service reference and the error rule. Input errors
 * ({@link IllegalArgumentException}) and kernel errors ({@link ConntrackException}) end as one line
 * {@code Error: message} on stderr, never a stack trace. Commands validate all their options before the first call
 * to the service, so bad input changes nothing.
 */
public abstract class ConntrackAction implements Action {

    @Reference
    ConntrackService service;

    @Option(name = "-n", aliases = "--netns", description = "Network namespace (name under /var/run/netns or path)")
    @Completion(NetnsCompleter.class)
    String netns;

    @Override
    public final Object execute() {
        try {
            return run();
        } catch (IllegalArgumentException | ConntrackException e) {
            System.err.println("Error: " + e.getMessage());
            return null;
        }
    }

    /** Does the work; printing is done here, the return value is what the shell sees. */
    protected abstract Object run();

    /** The service, moved into the network namespace when one was given. */
    ConntrackService service(String netns) {
        return netns == null ? service : service.inNamespace(netns);
    }

    static String inNamespace(String netns) {
        return netns == null ? "" : " in network namespace '" + netns + "'";
    }
}
