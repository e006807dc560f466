package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The {@link ConntrackService}s of the nodes, found by their {@code jconntrack.node} property, borrowed for one
 * command and given back by {@link #close}.
 */
final class NodeServices implements AutoCloseable {
    private final BundleContext context;
    private final List<ServiceReference<ConntrackService>> borrowed = new ArrayList<>();

    NodeServices(BundleContext context) {
        this.context = context;
    }

    /** Node names, {@code local} first, then in name order. */
    static List<String> names(BundleContext context) {
        return new ArrayList<>(references(context).keySet());
    }

    /** The nodes' service references by name, {@code local} first, then in name order. */
    static Map<String, ServiceReference<ConntrackService>> references(BundleContext context) {
        Collection<ServiceReference<ConntrackService>> refs;
        try {
            refs = context.getServiceReferences(ConntrackService.class, "(" + ConntrackNodes.PROPERTY + "=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        Map<String, ServiceReference<ConntrackService>> byName = new LinkedHashMap<>();
        refs.stream().sorted(Comparator.comparing((ServiceReference<ConntrackService> r) -> !ConntrackNodes.LOCAL
                .equals(name(r))).thenComparing(NodeServices::name))
                .forEach(r -> byName.putIfAbsent(name(r), r));
        return byName;
    }

    private static String name(ServiceReference<?> r) {
        return String.valueOf(r.getProperty(ConntrackNodes.PROPERTY));
    }

    /** The service of the named node; a name no service carries is bad input, naming the nodes there are. */
    ConntrackService get(String node) {
        ConntrackNodes.checkName(node);
        Map<String, ServiceReference<ConntrackService>> refs = references(context);
        ServiceReference<ConntrackService> ref = refs.get(node);
        ConntrackService s = ref == null ? null : context.getService(ref);
        if (s == null) {
            throw new IllegalArgumentException("--node: '" + node + "' is not a configured node; nodes: "
                    + String.join(", ", refs.keySet()) + " (see conntrack:nodes)");
        }
        synchronized (borrowed) {
            borrowed.add(ref);
        }
        return s;
    }

    @Override
    public void close() {
        synchronized (borrowed) {
            for (ServiceReference<ConntrackService> r : borrowed) {
                try {
                    context.ungetService(r);
                } catch (IllegalStateException ignored) {
                    // this bundle is stopping
                }
            }
            borrowed.clear();
        }
    }
}
