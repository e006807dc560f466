package io.jconntrack.remote;

import java.net.Socket;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust of a TLS context that nodes share: each node's own trust manager (its pinned certificate or its
 * truststore), chosen by the address the handshake goes to. The JDK's HTTP client creates each connection's engine
 * for the request's host and port, which is how a handshake names its node here. One manager an address: a client
 * pools its connections by address, and a pooled connection is not shaken hands again, so two nodes at one address
 * must not share a client ({@link NodeHttp} gives the second one another).
 */
final class NodeTrustRouter extends ServerTrustManager {
    private final Map<String, X509ExtendedTrustManager> byAddress = new ConcurrentHashMap<>();

    /**
     * Trusts {@code manager} for the handshakes with {@code url}'s host and port, until {@link #remove}; false (and
     * nothing changed) when another manager has that address.
     */
    boolean add(URI url, X509ExtendedTrustManager manager) {
        return byAddress.putIfAbsent(key(url.getHost(), port(url)), manager) == null;
    }

    void remove(URI url, X509ExtendedTrustManager manager) {
        byAddress.remove(key(url.getHost(), port(url)), manager);
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
        X509ExtendedTrustManager manager = byAddress.get(key(engine.getPeerHost(), engine.getPeerPort()));
        if (manager == null) {
            throw new CertificateException("no node is configured at " + engine.getPeerHost() + ":"
                    + engine.getPeerPort());
        }
        manager.checkServerTrusted(chain, authType, engine);
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
