package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.completer.NetnsCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * Base of the conntrack commands: the service reference and the error rule. Input errors
 * ({@link IllegalArgumentException}), kernel errors ({@link ConntrackException}) and failed outcomes
 * ({@link CommandFailed}, e.g. nothing to delete) are thrown as Karaf's {@link CommandException}: Karaf prints
 * {@code Error executing command: MESSAGE} on every path (console, SSH, bin/client), the exec channel's exit status
 * becomes 1, and {@code CommandException} is logged at DEBUG only, without a stack trace. Printing the error and
 * returning would be silent over an SSH exec channel and exit 0. Commands validate all their options before the
 * first call to the service, so bad input changes nothing.
 */
public abstract class ConntrackAction implements Action {

    @Reference
    ConntrackService service;

    @Option(name = "-n", aliases = "--netns", description = "Network namespace (name under /var/run/netns or path)")
    @Completion(NetnsCompleter.class)
    String netns;

    @Override
    public final Object execute() throws CommandException {
        try {
            return run();
        } catch (IllegalArgumentException | ConntrackException | CommandFailed e) {
            throw new CommandException(e.getMessage(), e);
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
