package io.jconntrack.remote;

import io.jconntrack.api.Subscription;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open event subscriptions of one node. Closing ends them all. */
final class RemoteSubscriptions implements AutoCloseable {
    private final NodeClient client;
    private final Set<RemoteSubscription> open = ConcurrentHashMap.newKeySet();

    RemoteSubscriptions(NodeClient client) {
        this.client = client;
    }

    /** Subscribes now (a node that is down fails here, at once); events then arrive on the subscription's thread. */
    Subscription open(URI uri, String netns, EventDelivery<?> delivery) {
        RemoteSubscription s = new RemoteSubscription(client, uri, netns, delivery, open::remove);
        s.connect();
        open.add(s);
        s.start();
        return s;
    }

    int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        open.forEach(RemoteSubscription::close);
    }
}
