package io.jconntrack.api;

import org.osgi.annotation.versioning.ProviderType;

/** An open event subscription. Closing it stops its reader thread and frees its socket. */
@ProviderType
public interface Subscription extends AutoCloseable {

    boolean isOpen();

    /** Events handed to the listener so far. */
    long delivered();

    /** Times the kernel reported lost events. */
    long overflows();

    /** Stops the subscription and waits for its reader to end (unless called from the listener itself). */
    @Override
    void close();
}
