package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.impl.socket.NetlinkIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event subscriptions of one service and its namespace views: each removes itself when it ends, and
 * closing the registry ends the rest (their listeners hear why through {@code onError}).
 */
final class Subscriptions {
    private final Set<EventSubscription> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Starts a subscription in {@code netns} ({@code null}: the process's own namespace). */
    EventSubscription start(String netns, EventFilter filter, ConntrackListener listener, ConntrackOptions o) {
        if (closed) {
            throw new ConntrackException("events", "the conntrack service has been closed", netns);
        }
        EventSubscription s;
        try {
            s = EventSubscription.start(netns, filter, listener, o.eventBufferSize(), o.maxEventBufferSize(),
                    open::remove);
        } catch (NetlinkIOException e) {
            throw Failures.reaching("events", e, netns);
        }
        open.add(s);
        if (!s.isOpen()) {
            // It ended (and removed itself) before it was added.
            open.remove(s);
        }
        if (closed) {
            // The registry closed while this subscription was being opened, after it ended the others.
            s.end(new ConntrackException("events", "the conntrack service was closed", netns));
        }
        return s;
    }

    /** Ends every open subscription; later starts fail. */
    void closeAll() {
        closed = true;
        open.forEach(s -> s.end(new ConntrackException("events",
                "the conntrack service was closed (deactivated or reconfigured); subscribe again", s.namespace())));
    }
}
