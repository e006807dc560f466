package io.jconntrack.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code io.jconntrack.rest}: where the REST agent listens and with which certificate and realm. */
@ObjectClassDefinition(name = "jconntrack REST agent",
        description = "ConntrackService over HTTPS, authenticated against a Karaf JAAS realm")
public @interface RestConfiguration {
    String PID = "io.jconntrack.rest";

    @AttributeDefinition(description = "Address to bind; the loopback unless another is configured")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "HTTPS port", min = "1", max = "65535")
    int port() default 8443;

    @AttributeDefinition(description = "PKCS12 keystore holding the server's key and certificate; empty: a "
            + "self-signed one is generated once into etc/jconntrack-rest.p12")
    String keystore() default "";

    @AttributeDefinition(description = "Password of the keystore (and of its key)", type =
            org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String keystorePassword() default "";

    @AttributeDefinition(description = "Karaf JAAS realm that authenticates requests")
    String realm() default "karaf";

    @AttributeDefinition(required = false, description = "Namespace paths clients may name in netns besides the "
            + "names of /var/run/netns: comma-separated glob patterns of absolute paths, e.g. /proc/*/ns/net; empty: names only")
    String[] allowedNamespacePaths() default {};

    @AttributeDefinition(description = "Largest request body in bytes (413 beyond); bulk bodies stream within it",
            min = "1048576")
    long maxBodyBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Failures a bulk answer lists (all are counted; failuresOmitted says how many "
            + "more there were)", min = "0")
    int maxFailuresListed() default 10_000;

    @AttributeDefinition(description = "Event streams open at once (each holds a subscription); the last eighth is "
            + "kept for admins", min = "1")
    int maxEventStreams() default 64;

    @AttributeDefinition(description = "Event streams one user may hold", min = "1")
    int maxEventStreamsPerUser() default 8;

    @AttributeDefinition(description = "List streams running at once (each holds a server thread while its client "
            + "reads); the last eighth is kept for admins", min = "1")
    int maxListStreams() default 32;

    @AttributeDefinition(description = "List streams one user may run at once", min = "1")
    int maxListStreamsPerUser() default 4;

    @AttributeDefinition(description = "TLS connections open at once; beyond, new ones wait to be accepted (each "
            + "is a descriptor of the container's)", min = "16")
    int maxConnections() default 512;

    @AttributeDefinition(description = "Failed logins from one address within loginWindowSeconds before further "
            + "attempts are refused (429) until the oldest leaves the window; per user name three times as many",
            min = "1")
    int maxLoginFailures() default 10;

    @AttributeDefinition(description = "Window of maxLoginFailures, seconds", min = "1")
    int loginWindowSeconds() default 60;
}
