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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST agent: serves the {@link ConntrackService} over HTTPS while it and its configuration are there. A
 * configuration that changes a setting restarts it (new port, certificate or realm); a keystore that cannot be read or
 * a port that is taken fail the activation (or the restart), logged by SCR.
 */
@Component(configurationPid = RestConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = {})
@Designate(ocd = RestConfiguration.class)
public final class RestAgent {
    /** The generated keystore when none is configured, under Karaf's etc/. */
    static final String GENERATED = "jconntrack-rest.p12";
    private static final Logger LOG = LoggerFactory.getLogger(RestAgent.class);

    private final ConntrackService conntrack;
    private RestConfiguration settings; // guarded by this
    private Running running; // guarded by this; null after a failed restart

    /** What one configuration started: closed together. */
    private record Running(EventStreams streams, HttpsServer server) {
        void close() {
            streams.close();
            server.close();
        }
    }

    @Activate
    public RestAgent(@Reference(target = ConntrackNodes.LOCAL_TARGET) ConntrackService conntrack, RestConfiguration config) throws Exception {
        this.conntrack = conntrack;
        this.settings = config;
        this.running = start(conntrack, config);
    }

    /**
     * A new configuration restarts the server only when a setting changed: Karaf's file install turns the feature's
     * etc/io.jconntrack.rest.cfg (every key commented: the defaults) into a configuration a moment after the first
     * activation, which must not drop the clients of an agent that already answers.
     */
    @Modified
    synchronized void modified(RestConfiguration config) throws Exception {
        if (sameSettings(settings, config)) {
            return;
        }
        if (running != null) {
            running.close();
            running = null;
        }
        settings = config;
        running = start(conntrack, config);
    }

    @Deactivate
    public synchronized void deactivate() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    private static Running start(ConntrackService conntrack, RestConfiguration config) throws Exception {
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
        RealmLogin realm = new RealmLogin(config.realm());
        refuseWeakLoginsBeyondLoopback(host, realm);
        Namespaces namespaces = new Namespaces(conntrack, config.allowedNamespacePaths());
        ClientLimits limits = new ClientLimits(config.maxListStreams(), config.maxListStreamsPerUser(),
                config.maxEventStreams(), config.maxEventStreamsPerUser());
        BasicAuthFilter authentication = new BasicAuthFilter(realm,
                new LoginThrottle(config.maxLoginFailures(), config.loginWindowSeconds() * 1000L));
        RequestGuard guard = new RequestGuard(config.maxBodyBytes());
        if (config.maxFailuresListed() < 0) {
            throw new IllegalArgumentException("maxFailuresListed: " + config.maxFailuresListed() + " is negative");
        }
        EventStreams streams = new EventStreams(limits);
        HttpsServer server;
        try {
            server = new HttpsServer(host, config.port(), keystore, password,
                    new RestApplication(namespaces, streams, new ListStreams(limits), authentication,
                            config.maxFailuresListed()), guard, config.maxListStreams(),
                    checkAtLeast("maxConnections", config.maxConnections(), 16));
        } catch (Exception e) {
            streams.close();
            throw e;
        }
        LOG.info("REST agent on https://{}:{}/conntrack/v1, realm {}, certificate SHA-256 {}",
                host.contains(":") ? "[" + host + "]" : host, server.port(), config.realm(), fingerprint);
        return new Running(streams, server);
    }

    /** Whether every setting of {@link RestConfiguration} has the same value in both. */
    static boolean sameSettings(RestConfiguration a, RestConfiguration b) {
        for (java.lang.reflect.Method m : RestConfiguration.class.getDeclaredMethods()) {
            try {
                if (!java.util.Objects.deepEquals(m.invoke(a), m.invoke(b))) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Beyond the loopback anybody on the network may try the realm's logins: refused while one of them has a
     * password anybody can guess (the distribution's development login {@code karaf}/{@code karaf} among them).
     */
    private static void refuseWeakLoginsBeyondLoopback(String host, RealmLogin realm) throws java.net.UnknownHostException {
        if (java.net.InetAddress.getByName(host).isLoopbackAddress()) {
            return;
        }
        Path users = etcOrNull() == null ? null : etcOrNull().resolve("users.properties");
        java.util.List<String> weak = WeakCredentials.find(realm, users);
        if (!weak.isEmpty()) {
            String message = "REST agent not started on " + host + ": user(s) " + weak + " of realm " + realm.realm()
                    + " have a well-known or trivial password. Change or remove them in etc/users.properties (or the realm's "
                    + "store), or bind host to 127.0.0.1";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    private static int checkAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": " + value + " is below " + min);
        }
        return value;
    }

    private static Path etcOrNull() {
        try {
            return etc();
        } catch (IllegalStateException notInKaraf) {
            return null;
        }
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
