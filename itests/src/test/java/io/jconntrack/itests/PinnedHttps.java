package io.jconntrack.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's HTTP client trusting exactly one server certificate, named by its SHA-256 fingerprint (as the REST
 * agent logs it), with Basic credentials per request. Hostname checks stay on: the certificate names 127.0.0.1.
 */
final class PinnedHttps {
    private final HttpClient client;
    private final String base;
    private final SSLContext tls;

    PinnedHttps(String base, String fingerprint) throws Exception {
        tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new Pin(fingerprint)}, null);
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
    }

    HttpClient client() {
        return client;
    }

    /** The pinned TLS context, for requests the HTTP client will not send (malformed ones, another source address). */
    SSLContext tls() {
        return tls;
    }

    HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String fingerprint(X509Certificate certificate) throws Exception {
        StringBuilder b = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())) {
            b.append(b.length() == 0 ? "" : ":").append(String.format("%02X", x & 0xff));
        }
        return b.toString();
    }

    private static final class Pin implements X509TrustManager {
        private final String fingerprint;

        Pin(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                String actual = fingerprint(chain[0]);
                if (!actual.equals(fingerprint)) {
                    throw new CertificateException("certificate " + actual + " is not the pinned " + fingerprint);
                }
            } catch (CertificateException e) {
                throw e;
            } catch (Exception e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
