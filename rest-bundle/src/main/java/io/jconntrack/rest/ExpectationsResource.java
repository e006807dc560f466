package io.jconntrack.rest;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import io.jconntrack.json.ExpectationJson;
import io.jconntrack.json.ExpectationSelection;
import io.jconntrack.json.Json;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/**
 * {@code /conntrack/v1/expectations}: the expectation table ({@code conntrack -L expect}) listed as NDJSON, counted,
 * created (one object, 201; or an array), deleted by selection ({@code all=true} for every one), and its events as
 * Server-Sent Events ({@code /events}: {@code open}, {@code NEW}, {@code DESTROY}, {@code lost}, {@code error}).
 * Selections are {@link ExpectationSelection}'s query parameters.
 */
@Path("/conntrack/v1/expectations")
public final class ExpectationsResource {
    private static final Set<String> NETNS = Set.of(Namespaces.NETNS);
    private static final Set<String> NETNS_ALL = Set.of(Namespaces.NETNS, "all");
    private static final Set<String> EVENTS = Set.of(Namespaces.NETNS, "types");

    private final Namespaces namespaces;
    private final EventStreams streams;
    private final ListStreams lists;
    private final int maxFailuresListed;

    ExpectationsResource(Namespaces namespaces, EventStreams streams, ListStreams lists, int maxFailuresListed) {
        this.namespaces = namespaces;
        this.streams = streams;
        this.lists = lists;
        this.maxFailuresListed = maxFailuresListed;
    }

    private ExpectationService in(MultivaluedMap<String, String> q) {
        return namespaces.in(q.getFirst(Namespaces.NETNS)).expectations();
    }

    /** The namespace's expectations for an operation that takes no selection. */
    private ExpectationService onlyNetns(MultivaluedMap<String, String> q, String operation) {
        if (!ExpectationSelection.of(q, NETNS).isEmpty()) {
            throw new IllegalArgumentException(operation + ": takes no selection, only netns");
        }
        return in(q);
    }

    /** One expectation per line while the kernel dumps them ({@link ListStreams}). */
    @GET
    @Produces(ListStreams.NDJSON)
    public Response list(@Context UriInfo uri, @Context SecurityContext user, @Context HttpServletRequest request) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ExpectationFilter filter = ExpectationSelection.of(q, NETNS);
        ExpectationService x = namespaces.reached(q.getFirst(Namespaces.NETNS)).expectations();
        return lists.open(user, request, (java.util.function.Consumer<Expectation> line) -> x.forEach(filter, line),
                ExpectationJson::write);
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    public Response count(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ExpectationFilter filter = ExpectationSelection.of(q, NETNS);
        return Results.ok(Results.object("count", in(q).count(filter)));
    }

    /**
     * Creates the body's expectation (201; 409 when it exists, 404 without its master) or each of an array of them
     * (200 with the failures, or the status of the first), read {@value Bodies#BATCH} at a time.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context UriInfo uri, InputStream body) throws IOException {
        ExpectationService x = onlyNetns(uri.getQueryParameters(), "create");
        long[] created = new long[1];
        FailureSample failures = new FailureSample(maxFailuresListed);
        Expectation one = Bodies.objectOrArray(body, "expectation", "expectations", ExpectationJson::read, batch -> {
            for (Expectation e : batch) {
                try {
                    x.create(e);
                    created[0]++;
                } catch (ConntrackException k) {
                    failures.add(new Failure(e.expected(), e.zone(), k.errnoName(), k.getMessage()));
                }
            }
        });
        if (one == null) {
            return Results.bulk("created", created[0], failures, 0, null);
        }
        x.create(one);
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.text(Results.object("created", 1))).build();
    }

    /** Deletes the expectations of the body (an array, as listed: each guarded by its {@code id}). */
    @POST
    @Path("deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteGiven(@Context UriInfo uri, InputStream body) throws IOException {
        ExpectationService x = onlyNetns(uri.getQueryParameters(), "deletions");
        return Bodies.deletions(body, "expectations", ExpectationJson::readListed, x::delete, maxFailuresListed);
    }

    /** Per-CPU expectation counters ({@code conntrack -S expect}). */
    @GET
    @Path("statistics")
    @Produces(MediaType.APPLICATION_JSON)
    public Response statistics(@Context UriInfo uri) {
        ExpectationService x = onlyNetns(uri.getQueryParameters(), "statistics");
        return Response.ok(Json.text(ExpectationJson.writeStatistics(x.statistics())),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Deletes the selected expectations; without a selection only with {@code all=true} (then one flush). */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ExpectationFilter filter = ExpectationSelection.of(q, NETNS_ALL);
        boolean all = EntriesResource.flag(q, "all");
        if (filter.isEmpty() && !all) {
            throw new IllegalArgumentException("all: delete without a selection needs all=true");
        }
        ExpectationService x = in(q);
        if (filter.isEmpty()) {
            long n = x.count(filter);
            x.flush();
            return Results.ok(Results.object("deleted", n));
        }
        return Results.ok(Results.object("deleted", x.deleteMatching(filter)));
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context UriInfo uri, @Context SseEventSink sink, @Context Sse sse,
                       @Context SecurityContext user) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ExpectationFilter filter = ExpectationSelection.of(q, EVENTS);
        Set<EventType> types = EnumSet.of(EventType.NEW, EventType.DESTROY);
        String list = q.getFirst("types");
        if (list != null) {
            types = EnumSet.noneOf(EventType.class);
            for (String t : list.split(",", -1)) {
                try {
                    types.add(EventType.parse(t));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("types: " + e.getMessage());
                }
            }
        }
        ExpectationService x = namespaces.reached(q.getFirst(Namespaces.NETNS)).expectations();
        streams.openExpectations(x, types, filter, sink, sse, user);
    }
}
