package io.jconntrack.rest;

import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST agent: serves the {@link ConntrackService} over HTTPS while it and its configuration are there. A
 * configuration change restarts it (new port, certificate or realm); a keystore that cannot be read or a port that
 * is taken fail the activation, logged by SCR.
 */
@Component(configurationPid = RestConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = RestConfiguration.class)
public final class RestAgent {
    /** The generated keystore when none is configured, under Karaf's etc/. */
    static final String GENERATED = "jconntrack-rest.p12";
    private static final Logger LOG = LoggerFactory.getLogger(RestAgent.class);

    private final EventStreams streams;
    private final HttpsServer server;

    @Activate
    public RestAgent(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack, RestConfiguration config) throws Exception {
        String host = config.host().trim();
        Path keystore;
        char[] password;
        if (config.keystore().isBlank()) {
            keystore = etc().resolve(GENERATED);
            boolean existed = Files.exists(keystore);
            password = SelfSignedKeystore.ensure(keystore, host);
            if (!existed) {
                LOG.info("REST agent: generated a self-signed certificate in {}", keystore);
            }
        } else {
            keystore = Paths.get(config.keystore());
            password = config.keystorePassword().toCharArray();
        }
        String fingerprint = fingerprint(keystore, password);
        streams = new EventStreams();
        try {
            server = new HttpsServer(host, config.port(), keystore, password,
                    new RestApplication(new Namespaces(conntrack), streams, config.realm()));
        } catch (Exception e) {
            streams.close();
            throw e;
        }
        LOG.info("REST agent on https://{}:{}/conntrack/v1, realm {}, certificate SHA-256 {}",
                host.contains(":") ? "[" + host + "]" : host, server.port(), config.realm(), fingerprint);
    }

    @Deactivate
    public void deactivate() {
        streams.close();
        server.close();
    }

    /** Karaf's etc/ ({@code karaf.etc}), else {@code etc} under {@code karaf.base} or {@code karaf.home}. */
    static Path etc() {
        String etc = System.getProperty("karaf.etc");
        if (etc != null) {
            return Paths.get(etc);
        }
        String base = System.getProperty("karaf.base", System.getProperty("karaf.home"));
        if (base == null) {
            throw new IllegalStateException("no keystore configured and not in Karaf (no karaf.etc): set keystore "
                    + "in PID " + RestConfiguration.PID);
        }
        return Paths.get(base, "etc");
    }

    private static String fingerprint(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate) {
                return SelfSignedKeystore.fingerprint((X509Certificate) store.getCertificate(alias));
            }
        }
        throw new IllegalArgumentException("keystore: " + keystore + " holds no private key with a certificate");
    }
}
