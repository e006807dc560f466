package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.ServiceReference;

/**
 * The nodes this container reaches, each asked at once ({@value FanOut#MAX_PARALLEL} at a time) for its statistics
 * and kernel release: state {@code up} with the round-trip latency of that request, the entry count and the kernel,
 * or {@code down} with the reason. A node that has not answered within {@code --timeout} is {@code down} ("no answer
 * within N s") and its request is abandoned: the table never waits for a hung node longer than that. A node that is
 * down is a row, not a failure of the command.
 */
@Command(scope = "conntrack", name = "nodes", description = "Lists the nodes (local and remote) with state, latency, "
        + "entry count and kernel version")
@Service
public class NodesCommand extends ConntrackAction {

    /** At most a minute: the command is interactive. */
    static final int MAX_TIMEOUT_SECONDS = 60;

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    @Option(name = "--timeout", description = "Seconds to wait for the nodes' answers (1.." + MAX_TIMEOUT_SECONDS
            + ", default 5); a node that has not answered by then is shown down")
    int timeoutSeconds = 5;

    record Row(String node, String url, String state, String latency, String entries, String kernel, String reason) {
    }

    @Override
    protected Object run() {
        if (node != null || netns != null) {
            throw new IllegalArgumentException("conntrack:nodes: takes neither --node nor --netns; it lists all nodes");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("--timeout: " + timeoutSeconds + " is not a number of seconds from 1 to "
                    + MAX_TIMEOUT_SECONDS);
        }
        List<ServiceReference<ConntrackService>> refs = new ArrayList<>(NodeServices.references(bundleContext)
                .values());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(refs.size(),
                FanOut.MAX_PARALLEL)), r -> {
            Thread t = new Thread(r, "jconntrack-nodes");
            t.setDaemon(true);
            return t;
        });
        try (NodeServices services = new NodeServices(bundleContext)) {
            List<Future<Row>> rows = new ArrayList<>();
            List<Row> unanswered = new ArrayList<>();
            for (ServiceReference<ConntrackService> ref : refs) {
                String name = String.valueOf(ref.getProperty(ConntrackNodes.PROPERTY));
                String url = shown(ref.getProperty(ConntrackNodes.PROPERTY + ".url"));
                rows.add(pool.submit(() -> probe(name, url, services)));
                unanswered.add(new Row(name, url, "down", "-", "-", "-", "no answer within " + timeoutSeconds + " s"));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            ShellTable table = new ShellTable();
            table.column("NODE");
            table.column("URL");
            table.column("STATE");
            table.column("LATENCY_MS").alignRight();
            table.column("ENTRIES").alignRight();
            table.column("KERNEL");
            table.column("REASON");
            for (int i = 0; i < rows.size(); i++) {
                Row r = answerBy(rows.get(i), deadline, unanswered.get(i));
                table.addRow().addContent(r.node(), r.url(), r.state(), r.latency(), r.entries(), r.kernel(),
                        r.reason());
            }
            if (noFormat) {
                table.noHeaders();
            }
            table.print(out(), !noFormat);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return null;
    }

    /** The row of a probe done by the deadline, else {@code late} (the probe is abandoned). */
    private static Row answerBy(Future<Row> probe, long deadline, Row late) throws InterruptedException {
        try {
            return probe.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return late;
        } catch (ExecutionException e) {
            return new Row(late.node(), late.url(), "down", "-", "-", "-", String.valueOf(e.getCause()));
        }
    }

    /**
     * A node's URL as shown: without user information. jconntrack-remote refuses it in a node's configuration, but any
     * bundle may register a node's service with this property. Cut through the last '@': a password may hold '/', '?'
     * or '#', so no URL parsing can tell where it ends.
     */
    static String shown(Object url) {
        if (url == null) {
            return "-";
        }
        String s = url.toString();
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return s;
        }
        int start = s.indexOf("://");
        return start >= 0 && start < at ? s.substring(0, start + 3) + s.substring(at + 1) : "-";
    }

    private static Row probe(String name, String url, NodeServices services) {
        try {
            ConntrackService s = services.get(name);
            long start = System.nanoTime();
            ConntrackStatistics st = s.statistics();
            long micros = (System.nanoTime() - start) / 1000;
            String kernel = s.kernelRelease();
            return new Row(name, url, "up", String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0),
                    Long.toString(st.entries()), kernel == null ? "-" : kernel, "");
        } catch (RuntimeException e) {
            return new Row(name, url, "down", "-", "-", "-", String.valueOf(e.getMessage()));
        }
    }
}
