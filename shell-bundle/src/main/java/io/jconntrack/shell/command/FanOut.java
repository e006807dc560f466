package io.jconntrack.shell.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --node all}: one command for every node. Each node's part begins with a line {@code [NAME]}; a node that
 * fails prints {@code [NAME] failed: MESSAGE} in its part and does not stop the others; the command fails at the
 * end, naming the nodes that failed, so scripts see it in the exit status. The nodes' tables count as one: a delete
 * that selects nothing on some nodes but something on others succeeds, as it would on one table holding them all;
 * it fails, as the tool's does, only when it selects nothing anywhere.
 *
 * <p>At most {@value #MAX_PARALLEL} nodes work at once, each writing into a pipe of {@value #PIPE_BYTES} bytes;
 * the parts are printed in node order, the current one as it comes. A node ahead of the one printed fills its pipe
 * and then waits (its stream waits with it, through TCP), so a list of every node's table takes about the time of the
 * slowest node, not the sum, while memory stays bounded by the parallelism, not by the tables. A node that does not
 * answer fails its part within its own request timeout; the parts of the others are ready by then.
 */
final class FanOut {
    static final int MAX_PARALLEL = 16;
    static final int PIPE_BYTES = 256 * 1024;

    /**
     * How one node's part ended: {@code failure} is its error message, or {@code null}; {@code nothing} the message
     * of a part that selected nothing ({@link CommandFailed}), which is not a failure of that node.
     */
    private record Outcome(String failure, String nothing) {
        static final Outcome DONE = new Outcome(null, null);
    }

    /** A node's part: its output as it is written, its error output (a few summary lines) and how it ended. */
    private record Part(String node, PipedInputStream output, ByteArrayOutputStream errors, Future<Outcome> outcome) {
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
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nodes.size(), MAX_PARALLEL)), r -> {
            Thread t = new Thread(r, "jconntrack-fan-out-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Part> parts = new ArrayList<>();
        try {
            for (String node : nodes) {
                parts.add(start(pool, node));
            }
            byte[] chunk = new byte[8192];
            for (Part part : parts) {
                out.println("[" + part.node() + "]");
                copy(part.output(), out, chunk);
                Outcome outcome = await(part.outcome());
                System.err.print(part.errors().toString(StandardCharsets.UTF_8));
                System.err.flush();
                record(part.node(), outcome, failures, selectedNothing, out);
            }
        } finally {
            pool.shutdownNow();
            for (Part part : parts) {
                closeQuietly(part.output());
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

    private Part start(ExecutorService pool, String node) {
        PipedInputStream output = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream sink;
        try {
            sink = new PipedOutputStream(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a new pipe is not connected yet
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Future<Outcome> outcome = pool.submit(() -> {
            // Autoflush: a pipe's reader waits up to a second for a writer that does not flush.
            try (PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
                 PrintStream es = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
                return runOne(node, ps, es);
            }
        });
        return new Part(node, output, errors, outcome);
    }

    /** Prints a node's part as it is written, until the node's run closes its end of the pipe. */
    private static void copy(InputStream part, PrintStream out, byte[] chunk) {
        try {
            int n;
            while ((n = part.read(chunk)) != -1) {
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            // The writer ended without closing (it cannot: its stream is closed in a finally); the outcome says why.
        }
        out.flush();
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
        } catch (ExecutionException e) {
            return new Outcome(String.valueOf(e.getCause()), null);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a pipe's reader side does not fail to close
        }
    }
}
