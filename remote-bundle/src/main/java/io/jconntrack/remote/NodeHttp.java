package io.jconntrack.remote;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The one HTTP client of all nodes (per connect timeout, the client's only per-node setting: one, unless nodes
 * configure different ones), shared by reference count: its connection pool, selector thread and a bounded set of
 * worker threads serve every node, so a controller of hundreds of nodes does not hold hundreds of clients. The last
 * node to let go shuts its workers down.
 */
final class NodeHttp {
    /** Worker threads of the shared client at most (it runs callbacks, not the blocking calls of the nodes). */
    static final int MAX_WORKERS = 8;
    private static final Map<Duration, NodeHttp> SHARED = new HashMap<>(); // guarded by NodeHttp.class

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

    /** The shared client for this connect timeout, made when no node uses one; {@link #release} when done. */
    static synchronized NodeHttp acquire(Duration connectTimeout) {
        NodeHttp http = SHARED.computeIfAbsent(connectTimeout, NodeHttp::new);
        http.users++;
        return http;
    }

    /** Lets go of the client; the last user ends its workers (Java 17's HttpClient has no close). */
    static synchronized void release(NodeHttp http) {
        if (--http.users == 0) {
            SHARED.remove(http.connectTimeout);
            http.workers.shutdownNow();
        }
    }

    /** How many shared clients exist now (for tests). */
    static synchronized int clients() {
        return SHARED.size();
    }
}
