package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.shell.completer.NetnsCompleter;
import io.jconntrack.shell.completer.NodeCompleter;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;

/**
 * Base of the conntrack commands: the service reference, the node and namespace options, and the error rule. Input
 * errors ({@link IllegalArgumentException}), kernel errors ({@link ConntrackException}) and failed outcomes
 * ({@link CommandFailed}, e.g. nothing to delete) are thrown as Karaf's {@link CommandException}: Karaf prints
 * {@code Error executing command: MESSAGE} on every path (console, SSH, bin/client), the exec channel's exit status
 * becomes 1, and {@code CommandException} is logged at DEBUG only, without a stack trace. Printing the error and
 * returning would be silent over an SSH exec channel and exit 0. Commands validate all their options before the
 * first call to the service, so bad input changes nothing.
 *
 * <p>Commands print through {@link #out()} and reach the table through {@link #service(String)}: both name what
 * the current node run uses, so that {@code --node all} ({@link FanOut}) can run one command for several nodes at
 * once, each with its own service and output.
 */
public abstract class ConntrackAction implements Action {
    static final String ALL_NODES = "all";

    @Reference(filter = ConntrackNodes.LOCAL_TARGET)
    ConntrackService service;

    @Reference
    BundleContext bundleContext;

    @Option(name = "-n", aliases = "--netns", description = "Network namespace (name under /var/run/netns or path)")
    @Completion(NetnsCompleter.class)
    String netns;

    @Option(name = "-N", aliases = "--node", description = "Node whose table to use, as conntrack:nodes lists them "
            + "(default: local); all: every node at once (count, list, delete, flush, zones, stats, events)")
    @Completion(NodeCompleter.class)
    String node;

    /** The service and output of the node this thread runs the command for (set by {@link FanOut} and -N). */
    private final ThreadLocal<NodeRun> current = new ThreadLocal<>();

    record NodeRun(String node, ConntrackService service, PrintStream out, PrintStream err) {
    }

    @Override
    public final Object execute() throws CommandException {
        try (NodeServices nodes = new NodeServices(bundleContext)) {
            if (node == null || node.equals(ConntrackNodes.LOCAL)) {
                return run();
            }
            if (node.equals(ALL_NODES)) {
                if (!fansOut()) {
                    throw new IllegalArgumentException("--node: 'all' is for count, list, delete, flush, zones, "
                            + "stats and events; name one node for this command");
                }
                return runOnAll(nodes, NodeServices.names(bundleContext));
            }
            return runFor(new NodeRun(node, nodes.get(node), System.out, System.err));
        } catch (IllegalArgumentException | ConntrackException | CommandFailed e) {
            throw new CommandException(e.getMessage(), e);
        }
    }

    /** Runs the command for one node, on this thread. */
    Object runFor(NodeRun run) {
        current.set(run);
        try {
            return run();
        } finally {
            current.remove();
        }
    }

    /** Does the work; printing is done here, the return value is what the shell sees. */
    protected abstract Object run();

    /** {@code --node all}: one {@link FanOut}; a command that streams from every node at once overrides it. */
    Object runOnAll(NodeServices services, List<String> nodes) {
        return new FanOut(this, services, nodes).run();
    }

    /** Whether {@code --node all} applies: commands that read or clean whole tables, and events. */
    boolean fansOut() {
        return false;
    }

    /** The service, moved into the network namespace when one was given. */
    ConntrackService service(String netns) {
        NodeRun run = current.get();
        ConntrackService s = run == null ? service : run.service();
        return netns == null ? s : s.inNamespace(netns);
    }

    /** Where the command prints its results. */
    PrintStream out() {
        NodeRun run = current.get();
        return run == null ? System.out : run.out();
    }

    /** Where the command prints its summaries, as the tool prints them on standard error. */
    PrintStream err() {
        NodeRun run = current.get();
        return run == null ? System.err : run.err();
    }

    static String inNamespace(String netns) {
        return netns == null ? "" : " in network namespace '" + netns + "'";
    }
}
