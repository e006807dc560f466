package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.impl.socket.NetlinkIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event subscriptions of one service and its namespace views, entries and expectations alike: each removes
 * itself when it ends, and closing the registry ends the rest (their listeners hear why through {@code onError}).
 */
final class Subscriptions {
    private final Set<EventSubscription<?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Starts a subscription of {@code kind} in {@code netns} ({@code null}: the process's own namespace). */
    <E> EventSubscription<E> start(String netns, EventKind<E> kind, ConntrackOptions o) {
        if (closed) {
            throw ConntrackException.failed(kind.operation(), "the conntrack service has been closed")
                    .namespace(netns).build();
        }
        EventSubscription<E> s;
        try {
            s = EventSubscription.start(netns, kind, o.eventBufferSize(), o.maxEventBufferSize(), open::remove);
        } catch (NetlinkIOException e) {
            throw Failures.reaching(kind.operation(), e, netns);
        }
        open.add(s);
        if (!s.isOpen()) {
            // It ended (and removed itself) before it was added.
            open.remove(s);
        }
        if (closed) {
            // The registry closed while this subscription was being opened, after it ended the others.
            s.end(ConntrackException.failed(kind.operation(), "the conntrack service was closed").namespace(netns)
                    .build());
        }
        return s;
    }

    /** Ends every open subscription; later starts fail. */
    void closeAll() {
        closed = true;
        open.forEach(s -> s.end(ConntrackException.failed(s.operation(),
                "the conntrack service was closed (deactivated or reconfigured); subscribe again")
                .namespace(s.namespace()).build()));
    }
}
