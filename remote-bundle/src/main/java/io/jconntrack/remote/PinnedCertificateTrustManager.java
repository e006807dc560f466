package io.jconntrack.remote;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLEngine;

/**
 * Trusts exactly one server certificate, known by its SHA-256 fingerprint (as {@code openssl x509 -fingerprint
 * -sha256} and the node agent's log print it). The host name is not checked, on purpose: a node's generated
 * certificate names the host it was made on, and the pin already identifies it ({@link ServerTrustManager}: the JDK
 * asks it instead of doing its own endpoint identification).
 */
final class PinnedCertificateTrustManager extends ServerTrustManager {
    /** A leading label before the hex digits: "SHA256 Fingerprint=", "SHA256:", "SHA-256 ". */
    private static final String LABEL = "(?i)^(sha-?256)?\\s*(fingerprint)?\\s*[=:]?\\s*(?=[0-9a-f]{2}(:|[0-9a-f]))";
    private final byte[] pin;

    PinnedCertificateTrustManager(String fingerprint) {
        this.pin = parse(fingerprint);
    }

    /**
     * 64 hex digits, optionally in pairs separated by colons, any case; also as tools print it, after a label
     * ({@code SHA256 Fingerprint=...} of openssl, {@code SHA256: ...} of keytool).
     */
    static byte[] parse(String fingerprint) {
        String hex = fingerprint.trim().replaceFirst(LABEL, "").replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("fingerprint: '" + fingerprint + "' is not a SHA-256 fingerprint "
                    + "(64 hex digits, colons optional)");
        }
        return HexFormat.of().parseHex(hex);
    }

    static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate.getEncoded()));
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the node sent no certificate");
        }
        if (!MessageDigest.isEqual(pin, sha256(chain[0].getEncoded()))) {
            throw new CertificateException("the node's certificate " + fingerprint(chain[0])
                    + " is not the pinned one " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(pin));
        }
        chain[0].checkValidity();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }
}
