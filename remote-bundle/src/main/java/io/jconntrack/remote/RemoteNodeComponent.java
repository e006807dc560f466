package io.jconntrack.remote;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote node per factory configuration: registers its {@link ConntrackService} with {@code jconntrack.node=NAME}
 * (and {@code jconntrack.node.url}, a URL without user information), and nothing else of the configuration. A
 * configuration that is invalid (bad URL, name, fingerprint, password file, unreadable truststore, a password in the
 * configuration itself) fails the activation, logged by SCR with the field named ({@link NodeSettings}). The password
 * files are read here, once: a changed file counts from the next activation. Nothing is sent at activation: a node
 * that is down is registered all the same, and its calls fail until it is back.
 */
@Component(configurationPid = NodeConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = NodeConfiguration.class, factory = true)
public final class RemoteNodeComponent {
    static final String URL_PROPERTY = ConntrackNodes.PROPERTY + ".url";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteNodeComponent.class);

    private final RemoteConntrack node;
    private final ServiceRegistration<ConntrackService> registration;

    @Activate
    public RemoteNodeComponent(NodeConfiguration config, Map<String, Object> properties, BundleContext context) {
        String etc = System.getProperty("karaf.etc");
        NodeSettings s = NodeSettings.of(config, properties, etc == null ? null : Paths.get(etc));
        node = new RemoteConntrack(s.name(), s.url(), s.username(), s.password(), s.trust(), s.connectTimeout(),
                s.requestTimeout());
        Dictionary<String, Object> registered = new Hashtable<>();
        registered.put(ConntrackNodes.PROPERTY, s.name());
        registered.put(URL_PROPERTY, s.url().toString());
        registration = context.registerService(ConntrackService.class, node.service(), registered);
        LOG.info("jconntrack: node '{}' at {} as {} ({})", s.name(), s.url(), s.username(),
                config.fingerprint().isBlank() ? "certificate checked against truststore " + config.truststore()
                        : "certificate pinned");
    }

    @Deactivate
    public void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it
        }
        node.close();
    }
}
