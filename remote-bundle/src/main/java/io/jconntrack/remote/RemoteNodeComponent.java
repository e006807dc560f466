package io.jconntrack.remote;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.net.URI;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
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
 * (and {@code jconntrack.node.url}), and nothing else of the configuration: the password stays out of the service
 * registry. A configuration that is invalid (bad URL, name, fingerprint, unreadable truststore) fails the
 * activation, logged by SCR with the field named. Nothing is sent at activation: a node that is down is registered
 * all the same, and its calls fail until it is back.
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
    public RemoteNodeComponent(NodeConfiguration config, BundleContext context) {
        String name = ConntrackNodes.checkName(trimmed("name", config.name()));
        if (ConntrackNodes.LOCAL.equals(name)) {
            throw new IllegalArgumentException("name: 'local' is the container's own kernel; name the node otherwise");
        }
        URI url = url(trimmed("url", config.url()));
        node = new RemoteConntrack(name, url, trimmed("username", config.username()), config.password(),
                NodeTrust.context(config.fingerprint(), config.truststore(), config.truststorePassword()),
                Duration.ofSeconds(positive("connectTimeoutSeconds", config.connectTimeoutSeconds())),
                Duration.ofSeconds(positive("requestTimeoutSeconds", config.requestTimeoutSeconds())));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ConntrackNodes.PROPERTY, name);
        properties.put(URL_PROPERTY, url.toString());
        registration = context.registerService(ConntrackService.class, node.service(), properties);
        LOG.info("jconntrack: node '{}' at {} ({})", name, url, config.fingerprint().isBlank()
                ? "certificate checked against truststore " + config.truststore() : "certificate pinned");
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

    private static String trimmed(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value.trim();
    }

    private static int positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " is not a positive number of seconds");
        }
        return value;
    }

    /**
     * An https URL with a host. The path may be empty, {@code /}, or the API's own {@code /conntrack/v1} (the URL
     * the agent logs, copied as it is); any other path is refused, the API's path being fixed.
     */
    static URI url(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url: '" + text + "' is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("url: '" + text + "' is not https://HOST[:PORT] (the agent speaks "
                    + "HTTPS only)");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceFirst("/?(conntrack/v1/?)?$", "");
        if (!path.isEmpty() || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("url: '" + text + "' has a path, query or fragment; give "
                    + "https://HOST[:PORT]");
        }
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + "/");
    }
}
