package io.jconntrack.rest;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import java.util.EnumSet;
import java.util.Set;
import io.jconntrack.json.FilterQuery;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * {@code /conntrack/v1/events}: conntrack events as Server-Sent Events, one subscription (socket and thread) per
 * stream. Event names: {@code open} (subscribed: events from now on are delivered), {@code NEW}, {@code UPDATE},
 * {@code DESTROY} (data: the entry as in the list), {@code lost} (data {@code {"overflows": N}}: the kernel dropped
 * events, or {@code {"dropped": N}}: N events were not sent because the client read too slowly; resynchronise with a
 * list) and {@code error} (the subscription ended, e.g. its namespace was deleted).
 * Parameters: the list's selection, {@code types} (comma-separated, default all) and {@code netns}.
 */
@Path("/conntrack/v1/events")
public final class EventsResource {
    private static final Set<String> OTHERS = Set.of(Namespaces.NETNS, "types");

    private final Namespaces namespaces;
    private final EventStreams streams;

    EventsResource(Namespaces namespaces, EventStreams streams) {
        this.namespaces = namespaces;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context UriInfo uri, @Context SseEventSink sink, @Context Sse sse,
                       @Context SecurityContext user) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter selection = FilterQuery.of(q, OTHERS);
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        String list = q.getFirst("types");
        if (list == null) {
            types = EnumSet.allOf(EventType.class);
        } else {
            for (String t : list.split(",", -1)) {
                try {
                    types.add(EventType.parse(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("types: " + e.getMessage());
                }
            }
        }
        // A failure here, before anything is sent on the sink, is answered as any other (404, 503).
        ConntrackService ct = namespaces.reached(q.getFirst(Namespaces.NETNS));
        streams.open(ct, EventFilter.of(types, selection), sink, sse, user);
    }
}
