package io.jconntrack.remote;

import io.jconntrack.api.Subscription;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open event subscriptions of one node, and the watchdog that finds a stream gone quiet (the agent sends a
 * keep-alive every 15 s; {@value #SILENCE_SECONDS} s of silence means the connection is dead even if TCP has not
 * said so, e.g. the node lost power). Closing ends them all.
 */
final class RemoteSubscriptions implements AutoCloseable {
    static final int SILENCE_SECONDS = 45;
    private static final int CHECK_SECONDS = 5;

    private final NodeClient client;
    private final Set<RemoteSubscription> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    RemoteSubscriptions(NodeClient client) {
        this.client = client;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jconntrack-node-" + client.node() + "-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(() -> open.forEach(s -> s.dropIfSilent(SILENCE_SECONDS * 1000L)),
                CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
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
        watchdog.shutdownNow();
        open.forEach(RemoteSubscription::close);
    }
}
