package io.jconntrack.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One remote node (factory PID {@value #FACTORY_PID}, e.g. {@code etc/io.jconntrack.node-node1.cfg}): its REST agent's
 * URL, the Karaf user to log in as, and how to trust its certificate: a SHA-256 {@code fingerprint} pin (what the
 * agent logs for its generated certificate) or a {@code truststore} (certificates issued by a CA, host name checked).
 * Passwords are not properties: Configuration Admin shows every property to a viewer and saves it under data/, so the
 * configuration names files readable by their owner only ({@link SecretFile}), and {@code password} or {@code
 * truststorePassword} in it fails the activation.
 */
@ObjectClassDefinition(name = "jconntrack remote node", description = "A node whose conntrack table this container "
        + "reads and cleans through the node's jconntrack REST agent")
public @interface NodeConfiguration {
    String FACTORY_PID = "io.jconntrack.node";

    @AttributeDefinition(description = "Node name: the jconntrack.node service property and the console's -N value")
    String name();

    @AttributeDefinition(description = "The agent's base URL, https://HOST:PORT (the API is under /conntrack/v1)")
    String url();

    @AttributeDefinition(description = "Karaf user on the node: role viewer reads, admin changes")
    String username();

    @AttributeDefinition(description = "File holding that user's password (one line), readable by its owner only "
            + "(chmod 600); a relative path is under Karaf's etc/")
    String passwordFile();

    @AttributeDefinition(required = false, description = "SHA-256 fingerprint of the node's certificate (hex, "
            + "colons optional); pins that certificate, whatever host name it names")
    String fingerprint() default "";

    @AttributeDefinition(required = false, description = "PKCS12 truststore with the CA (or certificate) to trust; "
            + "the certificate must then name the URL's host")
    String truststore() default "";

    @AttributeDefinition(required = false, description = "File holding the truststore's password (one line), "
            + "readable by its owner only (chmod 600); a relative path is under Karaf's etc/; none: no password")
    String truststorePasswordFile() default "";

    @AttributeDefinition(required = false, description = "Seconds to wait for a TCP connection: a node that is down "
            + "fails this fast")
    int connectTimeoutSeconds() default 3;

    @AttributeDefinition(required = false, description = "Seconds to wait for an answer (not for a streamed list "
            + "or events, which may run long)")
    int requestTimeoutSeconds() default 120;
}
