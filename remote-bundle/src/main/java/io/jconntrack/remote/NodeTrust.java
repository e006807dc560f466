package io.jconntrack.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust of one node: its pinned certificate, or the CAs of a truststore (then the JDK checks the host name, as
 * the client asks for endpoint identification).
 */
final class NodeTrust {
    private NodeTrust() {
    }

    static X509ExtendedTrustManager manager(String fingerprint, String truststore, String truststorePassword) {
        boolean pinned = fingerprint != null && !fingerprint.isBlank();
        boolean stored = truststore != null && !truststore.isBlank();
        if (pinned == stored) {
            throw new IllegalArgumentException((pinned ? "fingerprint" : "truststore") + ": give either fingerprint "
                    + "or truststore" + (pinned ? ", not both" : ""));
        }
        try {
            if (pinned) {
                return new PinnedCertificateTrustManager(fingerprint);
            } else {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Paths.get(truststore))) {
                    store.load(in, truststorePassword == null ? new char[0] : truststorePassword.toCharArray());
                }
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init(store);
                for (TrustManager m : f.getTrustManagers()) {
                    if (m instanceof X509ExtendedTrustManager x) {
                        return x;
                    }
                }
                throw new IllegalArgumentException("truststore: the JDK gave no X.509 trust manager for it");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("truststore: cannot read '" + truststore + "': " + e.getMessage(), e);
        }
    }
}
