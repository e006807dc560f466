package io.jconntrack.rest;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventListener;
import io.jconntrack.api.Subscription;
import java.util.Set;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.EventJson;
import io.jconntrack.json.Json;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open event streams: each ties one {@link Subscription} to one {@link SseEventSink}. A stream ends when a send
 * fails (the client went away; a comment every {@value #HEARTBEAT_SECONDS} s finds that out on a quiet table), when
 * its subscription ends, and when the agent stops. A client that reads more slowly than events come loses events,
 * and is told so: never a silent gap. How many may be open, in all and per user, is {@link ClientLimits}' to say:
 * each holds a socket and threads.
 */
final class EventStreams implements AutoCloseable {
    static final int HEARTBEAT_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final Set<Stream<?>> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jconntrack-rest-sse-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final ClientLimits limits;

    EventStreams(ClientLimits limits) {
        this.limits = limits;
        heartbeat.scheduleWithFixedDelay(() -> open.forEach(Stream::heartbeat), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    void open(ConntrackService ct, EventFilter filter, SseEventSink sink, Sse sse, SecurityContext user) {
        start(permit -> new EntryStream(sink, sse, permit), s -> ct.subscribe(filter, s), ct.namespace(), sse, user);
    }

    /** A stream of expectation events ({@code NEW}, {@code DESTROY}; data: the expectation as in its list). */
    void openExpectations(ExpectationService x, Set<EventType> types, ExpectationFilter filter, SseEventSink sink,
                          Sse sse, SecurityContext user) {
        start(permit -> new ExpectationStream(sink, sse, permit), s -> x.subscribe(types, filter, s), x.namespace(),
                sse, user);
    }

    private <S extends Stream<?>> void start(Function<ClientLimits.Permit, S> stream,
                                             Function<S, Subscription> subscribe, String netns, Sse sse,
                                             SecurityContext user) {
        ClientLimits.Permit permit = limits.acquire(ClientLimits.Kind.EVENTS, AgentUser.name(user),
                AgentUser.isAdmin(user));
        S s = stream.apply(permit);
        open.add(s);
        try {
            s.subscription = subscribe.apply(s);
        } catch (RuntimeException e) {
            open.remove(s);
            permit.close();
            throw e;
        }
        s.send(sse.newEventBuilder().name("open").mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, "{\"netns\":" + (netns == null ? "null"
                        : com.fasterxml.jackson.databind.node.TextNode.valueOf(netns).toString()) + "}").build());
    }

    long delivered() {
        return delivered.get();
    }

    long lost() {
        return lost.get();
    }

    int openStreams() {
        return open.size();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        open.forEach(Stream::close);
    }

    /** CXF's sink refuses an event at once when its queue is full (any other failure closes the stream). */
    static boolean queueFull(CompletableFuture<?> sent) {
        if (!sent.isCompletedExceptionally()) {
            return false;
        }
        try {
            sent.getNow(null);
            return false;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause();
            return cause instanceof IllegalStateException && String.valueOf(cause.getMessage())
                    .startsWith("The buffer is full");
        }
    }

    /** A stream of entry events; the data of each is the entry as listed. */
    private final class EntryStream extends Stream<ConntrackEvent> implements ConntrackListener {
        EntryStream(SseEventSink sink, Sse sse, ClientLimits.Permit permit) {
            super(sink, sse, permit, ConntrackEvent::type, EventJson::text);
        }
    }

    /** A stream of expectation events; the data of each is the expectation as listed. */
    private final class ExpectationStream extends Stream<ExpectationEvent> implements ExpectationListener {
        ExpectationStream(SseEventSink sink, Sse sse, ClientLimits.Permit permit) {
            super(sink, sse, permit, ExpectationEvent::type, EventJson::text);
        }
    }

    /** One stream of one table's events: the event's type names the SSE event, its JSON is the data. */
    private abstract class Stream<E> implements EventListener<E> {
        private final SseEventSink sink;
        private final Sse sse;
        private final ClientLimits.Permit permit;
        private final Function<E, EventType> type;
        private final Function<E, String> data;
        volatile Subscription subscription; // set by start, once subscribed
        private long dropped; // guarded by this

        Stream(SseEventSink sink, Sse sse, ClientLimits.Permit permit, Function<E, EventType> type,
               Function<E, String> data) {
            this.sink = sink;
            this.sse = sse;
            this.permit = permit;
            this.type = type;
            this.data = data;
        }

        @Override
        public void onEvent(E event) {
            delivered.incrementAndGet();
            send(sse.newEventBuilder().name(type.apply(event).name()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, data.apply(event)).build());
        }

        @Override
        public void onOverflow(long overflows) {
            lost.incrementAndGet();
            send(lostNotice("overflows", overflows));
        }

        @Override
        public void onError(ConntrackException error) {
            send(sse.newEventBuilder().name("error").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, Json.text(ErrorBody.of(error))).build());
            close();
        }

        void heartbeat() {
            send(sse.newEventBuilder().comment("keep-alive").build());
        }

        private OutboundSseEvent lostNotice(String field, long n) {
            return sse.newEventBuilder().name("lost").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, "{\"" + field + "\":" + n + "}").build();
        }

        /**
         * Queues the event; when the client reads too slowly (CXF's queue of 10,000 events is full) the event is
         * dropped and counted, and a {@code lost} notice {@code {"dropped": N}} goes out as soon as there is room.
         */
        synchronized void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                close();
                return;
            }
            if (dropped > 0) {
                if (!offer(lostNotice("dropped", dropped))) {
                    dropped++;
                    return;
                }
                dropped = 0;
            }
            if (!offer(event)) {
                if (dropped++ == 0) {
                    lost.incrementAndGet();
                }
            }
        }

        private boolean offer(OutboundSseEvent event) {
            CompletableFuture<?> sent = sink.send(event).toCompletableFuture();
            if (queueFull(sent)) {
                return false;
            }
            sent.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.debug("event stream closed: {}", failure.toString());
                    close();
                }
            });
            return true;
        }

        void close() {
            open.remove(this);
            permit.close();
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}
