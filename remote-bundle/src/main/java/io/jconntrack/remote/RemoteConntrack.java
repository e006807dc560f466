package io.jconntrack.remote;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.net.URI;
import java.time.Duration;

/**
 * A remote node's {@link ConntrackService} from plain Java (in OSGi, configure {@code io.jconntrack.node} instead:
 * the component does this per configuration). Closing it ends its event subscriptions and HTTP threads.
 *
 * <pre>{@code
 * try (RemoteConntrack node = RemoteConntrack.pinned("node1", "https://192.0.2.10:8443", "admin", password, sha256)) {
 *     long n = node.service().inNamespace("blue").count(ConntrackFilter.zone(4097));
 * }
 * }</pre>
 */
public final class RemoteConntrack implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final NodeClient client;
    private final RemoteSubscriptions subscriptions;
    private final ConntrackService service;

    RemoteConntrack(String name, URI url, String username, String password, javax.net.ssl.X509ExtendedTrustManager trust,
                    Duration connectTimeout, Duration requestTimeout) {
        this.client = new NodeClient(ConntrackNodes.checkName(name), url, username, password, trust, connectTimeout,
                requestTimeout);
        this.subscriptions = new RemoteSubscriptions(client);
        this.service = new RemoteConntrackService(new NodeNamespace(client, subscriptions, null));
    }

    /** The node at {@code url} (https://HOST[:PORT]), its certificate pinned by SHA-256 fingerprint. */
    public static RemoteConntrack pinned(String name, String url, String username, String password,
                                         String fingerprint) {
        return new RemoteConntrack(name, NodeSettings.url(url), username, password,
                NodeTrust.manager(fingerprint, null, null), CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** As above, with the node's connect and request timeouts (a node that does not answer fails in them). */
    public static RemoteConntrack pinned(String name, String url, String username, String password,
                                         String fingerprint, Duration connectTimeout, Duration requestTimeout) {
        return new RemoteConntrack(name, NodeSettings.url(url), username, password,
                NodeTrust.manager(fingerprint, null, null), connectTimeout, requestTimeout);
    }

    /** The service of the node's own network namespace; {@code inNamespace} reaches the others. */
    public ConntrackService service() {
        return service;
    }

    @Override
    public void close() {
        subscriptions.close();
        client.close();
    }
}
