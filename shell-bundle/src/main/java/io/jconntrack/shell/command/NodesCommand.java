package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.ServiceReference;

/**
 * The nodes this container reaches, each asked at once for its statistics and kernel release: state {@code up} with
 * the round-trip latency of that request, the entry count and the kernel, or {@code down} with the reason. A node
 * that is down is a row, not a failure of the command.
 */
@Command(scope = "conntrack", name = "nodes", description = "Lists the nodes (local and remote) with state, latency, "
        + "entry count and kernel version")
@Service
public class NodesCommand extends ConntrackAction {

    @Option(name = "--no-format", description = "Table without header and padding, for scripts")
    boolean noFormat;

    record Row(String node, String url, String state, String latency, String entries, String kernel, String reason) {
    }

    @Override
    protected Object run() {
        if (node != null || netns != null) {
            throw new IllegalArgumentException("conntrack:nodes: takes neither --node nor --netns; it lists all nodes");
        }
        List<ServiceReference<ConntrackService>> refs = new ArrayList<>(NodeServices.references(bundleContext)
                .values());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(refs.size(), 16)), r -> {
            Thread t = new Thread(r, "jconntrack-nodes");
            t.setDaemon(true);
            return t;
        });
        try (NodeServices services = new NodeServices(bundleContext)) {
            List<Future<Row>> rows = new ArrayList<>();
            for (ServiceReference<ConntrackService> ref : refs) {
                String name = String.valueOf(ref.getProperty(ConntrackNodes.PROPERTY));
                Object url = ref.getProperty(ConntrackNodes.PROPERTY + ".url");
                rows.add(pool.submit(() -> probe(name, shown(url), services)));
            }
            ShellTable table = new ShellTable();
            table.column("NODE");
            table.column("URL");
            table.column("STATE");
            table.column("LATENCY_MS").alignRight();
            table.column("ENTRIES").alignRight();
            table.column("KERNEL");
            table.column("REASON");
            for (Future<Row> f : rows) {
                Row r = f.get();
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
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return null;
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
