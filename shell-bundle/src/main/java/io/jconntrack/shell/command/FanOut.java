package io.jconntrack.shell.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --node all}: one command for every node. Each node's part begins with a line {@code [NAME]}; a node that
 * fails prints {@code [NAME] failed: MESSAGE} in its part and does not stop the others; the command fails at the
 * end, naming the nodes that failed, so scripts see it in the exit status. The nodes' tables count as one: a delete
 * that selects nothing on some nodes but something on others succeeds, as it would on one table holding them all;
 * it fails, as the tool's does, only when it selects nothing anywhere. Counts, deletes, flushes, zones and
 * statistics run on all nodes at once (a slow or unreachable node delays only its own part) and print in node order
 * when done; a list streams node after node, since holding whole tables to print them in order would not scale.
 */
final class FanOut {
    /**
     * How one node's part ended: {@code failure} is its error message, or {@code null}; {@code nothing} the message
     * of a part that selected nothing ({@link CommandFailed}), which is not a failure of that node.
     */
    private record Outcome(String failure, String nothing) {
        static final Outcome DONE = new Outcome(null, null);
    }

    private final ConntrackAction action;
    private final NodeServices services;
    private final List<String> nodes;

    FanOut(ConntrackAction action, NodeServices services, List<String> nodes) {
        this.action = action;
        this.services = services;
        this.nodes = nodes;
    }

    Object run() {
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, String> selectedNothing = new LinkedHashMap<>();
        PrintStream out = System.out;
        if (action.fansOutInTurn()) {
            for (String node : nodes) {
                out.println("[" + node + "]");
                record(node, runOne(node, out, System.err), failures, selectedNothing, out);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), 16), r -> {
                Thread t = new Thread(r, "jconntrack-fan-out");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Outcome>> results = new ArrayList<>();
                List<ByteArrayOutputStream> outputs = new ArrayList<>();
                List<ByteArrayOutputStream> errors = new ArrayList<>();
                for (String node : nodes) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    ByteArrayOutputStream errorBuffer = new ByteArrayOutputStream();
                    outputs.add(buffer);
                    errors.add(errorBuffer);
                    results.add(pool.submit(() -> {
                        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8);
                             PrintStream es = new PrintStream(errorBuffer, true, StandardCharsets.UTF_8)) {
                            return runOne(node, ps, es);
                        }
                    }));
                }
                for (int i = 0; i < nodes.size(); i++) {
                    String node = nodes.get(i);
                    Outcome outcome = await(results.get(i));
                    out.println("[" + node + "]");
                    out.print(outputs.get(i).toString(StandardCharsets.UTF_8));
                    out.flush();
                    System.err.print(errors.get(i).toString(StandardCharsets.UTF_8));
                    System.err.flush();
                    record(node, outcome, failures, selectedNothing, out);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        out.flush();
        if (!failures.isEmpty()) {
            throw new CommandFailed(failures.size() + " of " + nodes.size() + " nodes failed: "
                    + String.join(", ", failures.keySet()));
        }
        if (!nodes.isEmpty() && selectedNothing.size() == nodes.size()) {
            throw new CommandFailed(selectedNothing.values().iterator().next() + " (on every node)");
        }
        return null;
    }

    private Outcome runOne(String node, PrintStream out, PrintStream err) {
        try {
            action.runFor(new ConntrackAction.NodeRun(node, services.get(node), out, err));
            return Outcome.DONE;
        } catch (CommandFailed e) {
            return new Outcome(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
    }

    private static void record(String node, Outcome outcome, Map<String, String> failures,
                               Map<String, String> selectedNothing, PrintStream out) {
        if (outcome.nothing() != null) {
            selectedNothing.put(node, outcome.nothing());
        } else if (outcome.failure() != null) {
            failures.put(node, outcome.failure());
            out.println("[" + node + "] failed: " + outcome.failure());
        }
    }

    private static Outcome await(Future<Outcome> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", null);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome(String.valueOf(e.getCause()), null);
        }
    }
}
