package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.impl.socket.NetlinkIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open expectation subscriptions of one service and its views; closing the registry ends them. */
final class ExpectationSubscriptions {
    private final Set<ExpectationSubscription> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ExpectationSubscription start(String netns, Set<EventType> types, ExpectationFilter filter,
                                  ExpectationListener listener, int bufferSize) {
        if (closed) {
            throw new ConntrackException("expectation events", "the conntrack service has been closed", netns);
        }
        ExpectationSubscription s;
        try {
            s = ExpectationSubscription.start(netns, types, filter, listener, bufferSize, open::remove);
        } catch (NetlinkIOException e) {
            throw Failures.reaching("expectation events", e, netns);
        }
        open.add(s);
        if (!s.isOpen()) {
            open.remove(s);
        }
        if (closed) {
            s.end(new ConntrackException("expectation events", "the conntrack service was closed", netns));
        }
        return s;
    }

    void closeAll() {
        closed = true;
        open.forEach(s -> s.end(new ConntrackException("expectation events",
                "the conntrack service was closed (deactivated or reconfigured); subscribe again",
                s.namespaceName())));
    }
}
