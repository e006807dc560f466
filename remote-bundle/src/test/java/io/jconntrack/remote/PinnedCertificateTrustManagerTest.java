package io.jconntrack.remote;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.Test;

public class PinnedCertificateTrustManagerTest {

    /** A self-signed certificate made with openssl for node.example (valid for a century). */
    private static X509Certificate certificate() throws Exception {
        try (InputStream in = PinnedCertificateTrustManagerTest.class.getResourceAsStream("/node-certificate.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String sha256(X509Certificate c) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    @Test
    public void trustsThePinnedCertificateWhateverHostItNames() throws Exception {
        X509Certificate c = certificate();
        String hex = sha256(c);
        // The agent logs it as colon-separated upper-case pairs; plain hex works too.
        String logged = PinnedCertificateTrustManager.fingerprint(c);
        assertEquals(hex.toUpperCase(Locale.ROOT), logged.replace(":", ""));
        for (String pin : new String[] {hex, logged, logged.toLowerCase(Locale.ROOT), " " + logged + " ",
            "sha256 Fingerprint=" + logged, "SHA256: " + logged, "SHA-256 " + hex}) {
            new PinnedCertificateTrustManager(pin).checkServerTrusted(new X509Certificate[] {c}, "ECDHE_ECDSA",
                    (javax.net.ssl.SSLEngine) null);
        }
    }

    @Test
    public void refusesAnyOtherCertificateAndClients() throws Exception {
        X509Certificate c = certificate();
        char[] other = sha256(c).toCharArray();
        other[10] = other[10] == '0' ? '1' : '0';
        PinnedCertificateTrustManager tm = new PinnedCertificateTrustManager(new String(other));
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(new X509Certificate[] {c}, "ECDHE_ECDSA"));
        assertTrue(e.getMessage(), e.getMessage().contains("is not the pinned one"));
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(new X509Certificate[0], "RSA"));
        assertThrows(CertificateException.class, () -> new PinnedCertificateTrustManager(sha256(c))
                .checkClientTrusted(new X509Certificate[] {c}, "RSA"));
    }

    @Test
    public void aMalformedPinIsBadInputNamingTheField() {
        for (String bad : new String[] {"", "abc", "zz" + "0".repeat(62), "0".repeat(66)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new PinnedCertificateTrustManager(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("fingerprint: "));
        }
        assertArrayEquals(new byte[32], PinnedCertificateTrustManager.parse("00".repeat(32)));
    }
}
