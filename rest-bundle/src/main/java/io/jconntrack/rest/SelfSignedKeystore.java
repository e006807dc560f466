package io.jconntrack.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agent's own certificate when none is configured: an EC P-256 key and a self-signed certificate for
 * {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the bind address, made once and kept in a PKCS12 file with a
 * random password in a file beside it, both readable by the owner only. The JDK has no public API to sign a
 * certificate (keytool's classes are internal to {@code java.base}); BouncyCastle's bcpkix is a bundle.
 */
final class SelfSignedKeystore {
    static final String ALIAS = "jconntrack-rest";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedKeystore() {
    }

    /** The keystore at {@code file}, made first when it does not exist; returns its password. */
    static char[] ensure(Path file, String host) throws IOException, GeneralSecurityException {
        Path passwordFile = passwordFile(file);
        if (Files.exists(file) && Files.exists(passwordFile)) {
            return Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[] {certificate(pair, host)});
        Files.createDirectories(file.getParent());
        writeOwnerOnly(passwordFile, out -> out.write(new String(password).getBytes(StandardCharsets.US_ASCII)));
        writeOwnerOnly(file, out -> store.store(out, password));
        return password;
    }

    static Path passwordFile(Path keystore) {
        return keystore.resolveSibling(keystore.getFileName() + ".password");
    }

    private static X509Certificate certificate(KeyPair pair, String host) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=jconntrack-rest");
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        if (host != null && !host.isEmpty() && !"0.0.0.0".equals(host) && !"localhost".equals(host)
                && !"127.0.0.1".equals(host)) {
            boolean literal = host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
            names.add(new GeneralName(literal ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot sign the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException, GeneralSecurityException;
    }

    /** Written to a temporary file of the same directory, owner-only from its creation, then moved into place. */
    private static void writeOwnerOnly(Path target, Writer writer) throws IOException, GeneralSecurityException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** SHA-256 of the certificate's DER encoding, as {@code keytool -list} prints it (AB:CD:...). */
    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        StringBuilder b = new StringBuilder();
        for (byte x : digest) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(String.format("%02X", x & 0xff));
        }
        return b.toString();
    }
}
