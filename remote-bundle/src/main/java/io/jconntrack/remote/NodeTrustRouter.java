package io.jconntrack.remote;

import java.net.Socket;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust of the one TLS context that all nodes share: each node's own trust manager (its pinned certificate or its
 * truststore), chosen by the address the handshake goes to. The JDK's HTTP client creates each connection's engine
 * for the request's host and port, which is how a handshake names its node here. Nodes configured with the same
 * address share its connections, so a certificate must satisfy every one of them.
 */
final class NodeTrustRouter extends ServerTrustManager {
    private final Map<String, List<X509ExtendedTrustManager>> byAddress = new ConcurrentHashMap<>();

    /** Trust {@code manager} for the handshakes with {@code url}'s host and port, until {@link #remove}. */
    void add(URI url, X509ExtendedTrustManager manager) {
        byAddress.computeIfAbsent(key(url.getHost(), port(url)), k -> new CopyOnWriteArrayList<>()).add(manager);
    }

    void remove(URI url, X509ExtendedTrustManager manager) {
        byAddress.computeIfPresent(key(url.getHost(), port(url)), (k, list) -> {
            list.remove(manager);
            return list.isEmpty() ? null : list;
        });
    }

    /** How many addresses have trust registered (for tests). */
    int addresses() {
        return byAddress.size();
    }

    private static int port(URI url) {
        return url.getPort() == -1 ? 443 : url.getPort();
    }

    /** Host without IPv6 brackets, in lower case, and port. */
    static String key(String host, int port) {
        String h = host == null ? "" : host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT) + "|" + port;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String key = key(engine.getPeerHost(), engine.getPeerPort());
        List<X509ExtendedTrustManager> managers = byAddress.get(key);
        if (managers == null || managers.isEmpty()) {
            throw new CertificateException("no node is configured at " + engine.getPeerHost() + ":"
                    + engine.getPeerPort());
        }
        for (X509ExtendedTrustManager m : managers) {
            m.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("nodes are reached through the HTTP client's engines only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("nodes are reached through the HTTP client's engines only");
    }
}
