package io.jconntrack.remote;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events of a remote node over Server-Sent Events, on a thread of its own. When the stream breaks (node restarted,
 * network gone, silence) the subscription reconnects with a growing delay (1 s doubling to 30 s) until it is
 * closed; the events of the gap are lost, and the listener is told so with {@link EventListener#onOverflow} once
 * the stream is back (then a resynchronising list can reach the node). The agent's own {@code lost} notices (kernel
 * overflows, a reader too slow) are passed on the same way. An {@code error} event (the node's subscription ended,
 * e.g. its namespace was deleted) ends this one with {@link EventListener#onError}.
 */
final class RemoteSubscription implements Subscription, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSubscription.class);
    /** Three of the agent's 15-second keep-alives missed: the connection is dead even if TCP has not said so. */
    static final java.time.Duration SILENCE = java.time.Duration.ofSeconds(45);
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final NodeClient client;
    private final URI uri;
    private final String netns;
    private final EventDelivery<?> delivery;
    private final Consumer<RemoteSubscription> onEnd;
    private final Thread thread;
    private volatile boolean open = true;
    private volatile InputStream stream;
    private volatile ServerSentEvents events;
    private volatile long delivered;
    private volatile long overflows;

    RemoteSubscription(NodeClient client, URI uri, String netns, EventDelivery<?> delivery,
                       Consumer<RemoteSubscription> onEnd) {
        this.client = client;
        this.uri = uri;
        this.netns = netns;
        this.delivery = delivery;
        this.onEnd = onEnd;
        this.thread = new Thread(this, "jconntrack-node-" + client.node() + "-events");
        thread.setDaemon(true);
    }

    /**
     * Opens the stream and waits for the agent's {@code open} event: from then on every event is delivered.
     *
     * @throws ConntrackException when the node cannot be reached or refuses (the same failures as other calls)
     */
    void connect() {
        // The agent sends a keep-alive every 15 s: a stream silent for SILENCE fails its read, even when TCP has not
        // said that the connection is dead (the node lost power), and is then reconnected.
        InputStream in = client.stream("subscribe", netns, client.request(uri)
                .header("Accept", "text/event-stream").GET().build(), SILENCE);
        ServerSentEvents sse = new ServerSentEvents(new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8)));
        try {
            ServerSentEvents.Event first = sse.next();
            if (first == null || !first.name().equals("open")) {
                throw client.failure("subscribe", netns, "the event stream did not open: "
                        + (first == null ? "it ended" : "got '" + first.name() + "'"), null);
            }
        } catch (IOException e) {
            close(in);
            throw client.unreachable("subscribe", netns, e);
        } catch (RuntimeException e) {
            close(in);
            throw e;
        }
        stream = in;
        events = sse;
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        long retry = FIRST_RETRY_MILLIS;
        try {
            while (open) {
                if (events == null) {
                    try {
                        Thread.sleep(retry);
                    } catch (InterruptedException e) {
                        continue; // close(); the loop's condition tells
                    }
                    try {
                        connect();
                        retry = FIRST_RETRY_MILLIS;
                        overflows++;
                        LOG.info("events of {} reconnected; events of the gap are lost", client.where());
                        safely(() -> delivery.listener().onOverflow(overflows));
                    } catch (ConntrackException e) {
                        LOG.debug("events of {}: still unreachable: {}", client.where(), e.getMessage());
                        retry = Math.min(retry * 2, MAX_RETRY_MILLIS);
                        continue;
                    }
                }
                if (!read()) {
                    return;
                }
            }
        } finally {
            close(stream);
            onEnd.accept(this);
        }
    }

    /** Reads events until the stream breaks ({@code true}: reconnect) or the subscription ends ({@code false}). */
    private boolean read() {
        try {
            ServerSentEvents.Event e;
            while ((e = events.next()) != null) {
                if (!dispatch(e)) {
                    open = false;
                    return false;
                }
            }
        } catch (java.net.http.HttpTimeoutException x) {
            if (!open) {
                return false;
            }
            LOG.warn("event stream of {} silent for {} s; reconnecting", client.where(), SILENCE.toSeconds());
            close(stream);
            events = null;
            return true;
        } catch (IOException | RuntimeException x) {
            if (!open) {
                return false;
            }
            LOG.debug("events of {}: stream broken: {}", client.where(), x.toString());
        }
        if (open) {
            LOG.warn("event stream of {} ended; reconnecting", client.where());
        }
        close(stream);
        events = null;
        return open;
    }

    /** Hands one event on; {@code false} when the node ended the subscription. */
    private boolean dispatch(ServerSentEvents.Event e) {
        switch (e.name()) {
            case "NEW", "UPDATE", "DESTROY" -> deliver(delivery, EventType.valueOf(e.name()), e.data());
            case "lost" -> {
                overflows++;
                safely(() -> delivery.listener().onOverflow(overflows));
            }
            case "error" -> {
                RuntimeException x = ErrorBody.toException(503, Json.parse(e.data()), client.node(), "subscribe",
                        netns);
                ConntrackException error = x instanceof ConntrackException c ? c
                        : client.failure("subscribe", netns, x.getMessage(), x);
                safely(() -> delivery.listener().onError(error));
                return false;
            }
            default -> LOG.debug("event '{}' of {} ignored", e.name(), client.where());
        }
        return true;
    }

    /** Decodes, counts and hands on one event: counted before the listener runs, as "handed to the listener". */
    private <E> void deliver(EventDelivery<E> d, EventType type, String data) {
        E event;
        try {
            event = d.decoder().apply(type, data);
        } catch (IllegalArgumentException x) {
            LOG.warn("event of {} not understood, skipped: {}", client.where(), x.getMessage());
            return;
        }
        delivered++;
        safely(() -> d.listener().onEvent(event));
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException x) {
            LOG.warn("event listener of {} failed", client.where(), x);
        }
    }

    private static void close(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a dead connection
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long delivered() {
        return delivered;
    }

    @Override
    public long overflows() {
        return overflows;
    }

    @Override
    public void close() {
        open = false;
        close(stream);
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onEnd.accept(this);
    }
}
