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
 * end, naming the nodes that failed, so scripts see it in the exit status. Counts, deletes, flushes, zones and
 * statistics run on all nodes at once (a slow or unreachable node delays only its own part) and print in node order
 * when done; a list streams node after node, since holding whole tables to print them in order would not scale.
 */
final class FanOut {
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
        PrintStream out = System.out;
        if (action.fansOutInTurn()) {
            for (String node : nodes) {
                out.println("[" + node + "]");
                String failure = runOne(node, out, System.err);
                if (failure != null) {
                    failures.put(node, failure);
                    out.println("[" + node + "] failed: " + failure);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), 16), r -> {
                Thread t = new Thread(r, "jconntrack-fan-out");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<String>> results = new ArrayList<>();
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
                    String failure = await(results.get(i));
                    out.println("[" + node + "]");
                    out.print(outputs.get(i).toString(StandardCharsets.UTF_8));
                    out.flush();
                    System.err.print(errors.get(i).toString(StandardCharsets.UTF_8));
                    System.err.flush();
                    if (failure != null) {
                        failures.put(node, failure);
                        out.println("[" + node + "] failed: " + failure);
                    }
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
        return null;
    }

    /** The node's failure message, or {@code null} when it succeeded. */
    private String runOne(String node, PrintStream out, PrintStream err) {
        try {
            action.runFor(new ConntrackAction.NodeRun(node, services.get(node), out, err));
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    private static String await(Future<String> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.util.concurrent.ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }
}
