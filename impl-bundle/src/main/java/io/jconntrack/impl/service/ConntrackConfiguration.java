package io.jconntrack.impl.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the conntrack service component (PID {@code io.jconntrack}). */
@ObjectClassDefinition(name = "jconntrack", description = "Connection tracking over ctnetlink")
public @interface ConntrackConfiguration {
    @AttributeDefinition(description = "SO_RCVBUF of each netlink socket in bytes (holds the acknowledgements "
            + "of one pipelined batch)")
    int receiveBufferSize() default ConntrackOptions.DEFAULT_RECEIVE_BUFFER_SIZE;

    @AttributeDefinition(description = "Requests per datagram in bulk create, update and delete")
    int batchSize() default ConntrackOptions.DEFAULT_BATCH_SIZE;

    @AttributeDefinition(description = "Network namespace of the service (name from 'ip netns' or a path); "
            + "empty for the controller's own", required = false)
    String defaultNamespace() default "";

    @AttributeDefinition(description = "Sockets kept per namespace (bound on concurrent operations)")
    int maxSocketsPerNamespace() default ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE;

    @AttributeDefinition(description = "Network namespaces (besides the controller's own) that keep a socket pool "
            + "at once: beyond it the least recently used pool without a call in progress is closed; when every one "
            + "has a call in progress, a call for yet another namespace fails with EBUSY")
    int maxNamespaces() default ConntrackOptions.DEFAULT_MAX_NAMESPACES;

    @AttributeDefinition(description = "Milliseconds one receive may wait for the kernel")
    int timeoutMillis() default ConntrackOptions.DEFAULT_TIMEOUT_MILLIS;

    @AttributeDefinition(description = "Let the kernel filter dumps and flushes where it can")
    boolean kernelFilters() default true;

    @AttributeDefinition(description = "Bytes of events an event subscription holds while its listener catches up: "
            + "the socket's initial SO_RCVBUF (forced past net.core.rmem_max with CAP_NET_ADMIN, else capped by it "
            + "and logged) and as much again received on the Java heap. Default 32 MiB: about 50,000 events in the "
            + "kernel plus 120,000 received, enough for bursts of 400,000 events in 2 s without loss; used only "
            + "while a backlog exists")
    int eventBufferSize() default ConntrackOptions.DEFAULT_EVENT_BUFFER_SIZE;

    @AttributeDefinition(description = "Largest SO_RCVBUF an event subscription grows to after lost events "
            + "(default 128 MiB)")
    int maxEventBufferSize() default ConntrackOptions.DEFAULT_MAX_EVENT_BUFFER_SIZE;
}
