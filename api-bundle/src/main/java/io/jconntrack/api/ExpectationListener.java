package io.jconntrack.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of an expectation subscription, in kernel order, on the subscription's own thread, as
 * {@link ConntrackListener} does for entries.
 *
 * @since 0.3
 */
@ConsumerType
public interface ExpectationListener {

    void onEvent(ExpectationEvent event);

    /** The kernel dropped events ({@code ENOBUFS}); resynchronise with a list to be exact again. */
    default void onOverflow(long overflows) {
    }

    /** The subscription ended by itself (namespace deleted, service closed). Not called after close. */
    default void onError(ConntrackException error) {
    }
}
