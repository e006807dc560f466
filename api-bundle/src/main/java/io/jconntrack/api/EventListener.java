package io.jconntrack.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of a subscription, in kernel order, on the subscription's own thread. A listener that throws
 * does not end the subscription; the exception is logged. {@link ConntrackListener} (entries) and
 * {@link ExpectationListener} (expectations) are this listener for their event type.
 *
 * @param <E> the event type: {@link ConntrackEvent} or {@link ExpectationEvent}
 * @since 0.5
 */
@ConsumerType
public interface EventListener<E> {

    void onEvent(E event);

    /**
     * The kernel dropped events because the subscription's receive buffer was full ({@code ENOBUFS}): the events
     * came faster than they were received, or this listener was slower than the kernel for longer than the
     * subscription's buffers last. Called in its place among the events. The subscription goes on with a larger
     * buffer; to be exact again, resynchronise with a dump (or list).
     *
     * @param overflows how many overflows this subscription has seen so far
     */
    default void onOverflow(long overflows) {
    }

    /**
     * The subscription ended by itself (e.g. its network namespace was deleted, or the service was closed). No
     * further calls follow. Not called after {@link Subscription#close()}.
     */
    default void onError(ConntrackException error) {
    }
}
