package io.jconntrack.remote;

import io.jconntrack.api.ConntrackNodes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A node's configuration checked, its secrets read from their files: what {@link RemoteNodeComponent} needs, or an
 * {@link IllegalArgumentException} naming the field. No message carries a secret: not the password, not a URL's user
 * information.
 */
record NodeSettings(String name, URI url, String username, String password, X509ExtendedTrustManager trust, Duration connectTimeout,
                    Duration requestTimeout) {

    /** Keys refused in the configuration, each with the key that names a file instead. */
    private static final Map<String, String> SECRETS = Map.of("password", "passwordFile", "truststorepassword",
            "truststorePasswordFile");

    @Override
    public String toString() {
        return "NodeSettings[name=" + name + ", url=" + url + ", username=" + username + "]";
    }

    /**
     * {@code config} checked; {@code properties} (the component's, as SCR passes them) only for the keys that are not
     * in {@link NodeConfiguration} any more; {@code etc} is Karaf's etc/ (relative file names), null outside Karaf.
     */
    static NodeSettings of(NodeConfiguration config, Map<String, ?> properties, Path etc) {
        for (String key : properties.keySet()) {
            // Configuration Admin's keys are case-insensitive.
            String instead = SECRETS.get(key.toLowerCase(Locale.ROOT));
            if (instead != null) {
                throw new IllegalArgumentException(key + ": not accepted in the configuration, which any viewer can "
                        + "list and which is saved under data/; put it in a file readable by its owner only (chmod 600 "
                        + "FILE) and name that file in " + instead);
            }
        }
        String name = ConntrackNodes.checkName(trimmed("name", config.name()));
        if (ConntrackNodes.LOCAL.equals(name)) {
            throw new IllegalArgumentException("name: 'local' is the container's own kernel; name the node otherwise");
        }
        URI url = url(trimmed("url", config.url()));
        String username = trimmed("username", config.username());
        String password = SecretFile.read("passwordFile", trimmed("passwordFile", config.passwordFile()), etc);
        String truststorePassword = null;
        String truststorePasswordFile = config.truststorePasswordFile();
        if (truststorePasswordFile != null && !truststorePasswordFile.isBlank()) {
            if (config.truststore() == null || config.truststore().isBlank()) {
                throw new IllegalArgumentException("truststorePasswordFile: only with truststore");
            }
            truststorePassword = SecretFile.read("truststorePasswordFile", truststorePasswordFile, etc);
        }
        return new NodeSettings(name, url, username, password,
                NodeTrust.manager(config.fingerprint(), config.truststore(), truststorePassword),
                Duration.ofSeconds(positive("connectTimeoutSeconds", config.connectTimeoutSeconds())),
                Duration.ofSeconds(positive("requestTimeoutSeconds", config.requestTimeoutSeconds())));
    }

    private static String trimmed(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value.trim();
    }

    private static int positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " is not a positive number of seconds");
        }
        return value;
    }

    /**
     * An https URL with a host and without user information. The path may be empty, {@code /}, or the API's own
     * {@code /conntrack/v1} (the URL the agent logs, copied as it is); any other path is refused, the API's path being
     * fixed.
     */
    static URI url(String text) {
        // Before anything echoes the text: no '@', no user information, whatever else is wrong with the URL (a
        // password with '/' or '#' in it would not even parse as user information).
        if (text.indexOf('@') >= 0) {
            throw new IllegalArgumentException("url: must not carry user information (user:…@); use username and "
                    + "passwordFile");
        }
        URI u;
        try {
            u = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("url: '" + text + "' is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("url: '" + text + "' is not https://HOST[:PORT] (the agent speaks "
                    + "HTTPS only)");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceFirst("/?(conntrack/v1/?)?$", "");
        if (!path.isEmpty() || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("url: '" + text + "' has a path, query or fragment; give "
                    + "https://HOST[:PORT]");
        }
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + "/");
    }
}
