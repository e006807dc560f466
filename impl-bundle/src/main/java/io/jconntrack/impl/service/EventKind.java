package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;

/**
 * What one kernel subsystem's events (entries, expectations) need of an {@link EventSubscription}: the groups to
 * join, how a message becomes an event, which events the subscriber wants and the listener's callbacks. Receiving,
 * the hand-off, buffer growth, loss in stream order and the subscription's end are the subscription's, the same for
 * every kind.
 *
 * @param <E> the event type delivered
 */
interface EventKind<E> {
    /** The operation named in failures ({@code events}, {@code expectation events}). */
    String operation();

    /** The start of the subscription's thread names. */
    String threadName();

    /** Joins the multicast groups of the wanted event types, and attaches a socket filter where there is one. */
    void join(NetlinkSocket socket) throws NetlinkIOException;

    /** The event of one message, or {@code null} when the message is not one of this kind's events. */
    E decode(MessageCursor m, AddressCache addresses) throws MalformedMessageException;

    /** Whether the subscriber wants this event (what the kernel's groups and filter could not decide). */
    boolean wanted(E event);

    void onEvent(E event);

    void onOverflow(long overflows);

    void onError(ConntrackException error);
}
