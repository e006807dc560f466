package io.jconntrack.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One remote node (factory PID {@value #FACTORY_PID}, e.g. {@code etc/io.jconntrack.node-node1.cfg}): its REST agent's
 * URL, the Karaf user to log in as, and how to trust its certificate: a SHA-256 {@code fingerprint} pin (what the
 * agent logs for its generated certificate) or a {@code truststore} (certificates issued by a CA, host name checked).
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

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "That user's password")
    String password();

    @AttributeDefinition(required = false, description = "SHA-256 fingerprint of the node's certificate (hex, "
            + "colons optional); pins that certificate, whatever host name it names")
    String fingerprint() default "";

    @AttributeDefinition(required = false, description = "PKCS12 truststore with the CA (or certificate) to trust; "
            + "the certificate must then name the URL's host")
    String truststore() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "Truststore password")
    String truststorePassword() default "";

    @AttributeDefinition(required = false, description = "Seconds to wait for a TCP connection: a node that is down "
            + "fails this fast")
    int connectTimeoutSeconds() default 3;

    @AttributeDefinition(required = false, description = "Seconds to wait for an answer (not for a streamed list "
            + "or events, which may run long)")
    int requestTimeoutSeconds() default 120;
}
