package io.jconntrack.odltests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's HTTP client, for RESTCONF on the controller's port and for jconntrack's REST agent on its own. */
final class Http {
    /** Status and body of an answer; status 0 when nothing answered (connection refused). */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final HttpClient client;

    private Http(HttpClient client) {
        this.client = client;
    }

    static Http plain() {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Trusting the certificate of the agent's keystore (etc/jconntrack-rest.p12, password beside it) alone. */
    static Http trustingAgentOf(Path home) {
        try {
            Path keystore = home.resolve("etc/jconntrack-rest.p12");
            char[] password = Files.readString(home.resolve("etc/jconntrack-rest.p12.password")).trim().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return new Http(HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the agent's certificate, as the agent logs it and etc/io.jconntrack.node-*.cfg takes it. */
    static String agentFingerprint(Path home) {
        try {
            char[] password = Files.readString(home.resolve("etc/jconntrack-rest.p12.password")).trim().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(home.resolve("etc/jconntrack-rest.p12"))) {
                store.load(in, password);
            }
            Certificate cert = store.getCertificate(store.aliases().nextElement());
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET with HTTP Basic credentials (null: none). */
    Answer get(String url, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (java.net.ConnectException e) {
            return new Answer(0, "connection refused");
        } catch (IOException e) {
            return new Answer(0, e.toString().toLowerCase(Locale.ROOT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
