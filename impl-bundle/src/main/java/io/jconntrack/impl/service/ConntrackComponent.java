package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.impl.socket.Capabilities;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link ConntrackService}: the component is the root service, activated with its configuration and
 * closed on deactivation. A configuration change re-activates the component (no {@code @Modified}): dependents such
 * as the Event Admin bridge are re-activated with it and subscribe again. Deactivation closes every socket and ends
 * every subscription with {@link io.jconntrack.api.ConntrackListener#onError}.
 */
@Component(service = ConntrackService.class, configurationPid = "io.jconntrack",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        property = ConntrackNodes.PROPERTY + "=" + ConntrackNodes.LOCAL)
@Designate(ocd = ConntrackConfiguration.class)
public final class ConntrackComponent extends NetlinkConntrackService {
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackComponent.class);

    @Activate
    public ConntrackComponent(ConntrackConfiguration config) {
        super(options(config));
        logCapabilities();
        probe();
    }

    @Deactivate
    public void deactivate() {
        close();
        LOG.info("jconntrack: closed its netlink sockets");
    }

    private static ConntrackOptions options(ConntrackConfiguration c) {
        return new ConntrackOptions(c.receiveBufferSize(), c.batchSize(), c.defaultNamespace(),
                c.maxSocketsPerNamespace(), c.timeoutMillis(), c.kernelFilters(), c.eventBufferSize(),
                c.maxEventBufferSize(), c.maxNamespaces());
    }

    /** Logs the two capabilities that matter and what works without a missing one (issue: least privilege). */
    private static void logCapabilities() {
        try {
            Capabilities c = Capabilities.ofThisProcess();
            if (c.has(Capabilities.CAP_NET_ADMIN)) {
                LOG.info("jconntrack: {}", c.describe());
            } else {
                LOG.warn("jconntrack: {}", c.describe());
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("jconntrack: cannot read the capabilities of this process from {}: {}",
                    Capabilities.PROC_SELF_STATUS, e.toString());
        }
    }

    /** Logs whether netlink access works, and why not; the service stays registered either way. */
    private void probe() {
        String where = namespace() == null ? "the controller's network namespace"
                : "network namespace '" + namespace() + "'";
        try {
            ConntrackStatistics s = statistics();
            LOG.info("jconntrack: ctnetlink access works in {}: {} entries, maximum {}", where, s.entries(),
                    s.maxEntries());
        } catch (ConntrackException e) {
            LOG.warn("jconntrack: ctnetlink access does not work in {}: {}", where, e.getMessage());
        } catch (LinkageError e) {
            LOG.error("jconntrack: JNA could not load its native library ({}); if java.io.tmpdir is mounted "
                    + "noexec, set jna.tmpdir to an executable directory", e.toString());
        }
    }
}
