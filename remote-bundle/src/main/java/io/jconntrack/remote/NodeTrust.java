package io.jconntrack.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of one node: its pinned certificate, or the CAs of a truststore (then the JDK checks the host). */
final class NodeTrust {
    private NodeTrust() {
    }

    static SSLContext context(String fingerprint, String truststore, String truststorePassword) {
        boolean pinned = fingerprint != null && !fingerprint.isBlank();
        boolean stored = truststore != null && !truststore.isBlank();
        if (pinned == stored) {
            throw new IllegalArgumentException((pinned ? "fingerprint" : "truststore") + ": give either fingerprint "
                    + "or truststore" + (pinned ? ", not both" : ""));
        }
        try {
            TrustManager[] managers;
            if (pinned) {
                managers = new TrustManager[] {new PinnedCertificateTrustManager(fingerprint)};
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Paths.get(truststore))) {
                    store.load(in, truststorePassword == null ? new char[0] : truststorePassword.toCharArray());
                }
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                managers = f.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("truststore: cannot read '" + truststore + "': " + e.getMessage(), e);
        }
    }
}
