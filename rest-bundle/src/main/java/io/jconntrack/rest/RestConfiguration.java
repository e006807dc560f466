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
}
