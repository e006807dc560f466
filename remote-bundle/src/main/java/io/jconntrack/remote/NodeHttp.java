package io.jconntrack.remote;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client nodes share, by reference count: its connection pool, selector thread and a bounded set of worker
 * threads serve every node, so a controller of hundreds of nodes does not hold hundreds of clients. One client serves
 * all nodes of a connect timeout (the client's only per-node setting), except that a node at an address another node
 * of that client has gets the next client: connections are pooled by address and a pooled one is not shaken hands
 * again, so sharing it would skip the second node's own trust (its pin). The last node to let go of a client shuts
 * its workers down.
 */
final class NodeHttp {
    /** Worker threads of the shared client at most (it runs callbacks, not the blocking calls of the nodes). */
    static final int MAX_WORKERS = 8;
    private static final Map<Duration, List<NodeHttp>> SHARED = new HashMap<>(); // guarded by NodeHttp.class

    final HttpClient client;
    final NodeTrustRouter trust;
    private final Duration connectTimeout;
    private final ThreadPoolExecutor workers;
    private int users; // guarded by NodeHttp.class

    private NodeHttp(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.trust = new NodeTrustRouter();
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(MAX_WORKERS, MAX_WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jconntrack-nodes-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).executor(workers)
                .build();
    }

    /**
     * A shared client for this connect timeout that trusts {@code trust} for {@code url}'s address (made when none
     * is free for that address); {@link #release} with the same arguments when done.
     */
    static synchronized NodeHttp acquire(Duration connectTimeout, URI url, X509ExtendedTrustManager trust) {
        List<NodeHttp> clients = SHARED.computeIfAbsent(connectTimeout, d -> new ArrayList<>());
        for (NodeHttp http : clients) {
            if (http.trust.add(url, trust)) {
                http.users++;
                return http;
            }
        }
        NodeHttp http = new NodeHttp(connectTimeout);
        http.trust.add(url, trust);
        http.users++;
        clients.add(http);
        return http;
    }

    /** Takes {@code trust} out and lets go of the client; the last user ends its workers (Java 17's has no close). */
    static synchronized void release(NodeHttp http, URI url, X509ExtendedTrustManager trust) {
        http.trust.remove(url, trust);
        if (--http.users == 0) {
            List<NodeHttp> clients = SHARED.get(http.connectTimeout);
            clients.remove(http);
            if (clients.isEmpty()) {
                SHARED.remove(http.connectTimeout);
            }
            http.workers.shutdownNow();
        }
    }

    /** How many shared clients exist now (for tests). */
    static synchronized int clients() {
        return SHARED.values().stream().mapToInt(List::size).sum();
    }
}
