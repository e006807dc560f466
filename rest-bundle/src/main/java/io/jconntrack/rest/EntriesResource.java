package io.jconntrack.rest;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Failure;
import io.jconntrack.api.StatusFlag;
import java.io.IOException;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import io.jconntrack.api.ConntrackTable;
import io.jconntrack.json.ChangeJson;
import io.jconntrack.json.JsonFields;
import io.jconntrack.json.EntryJson;
import io.jconntrack.json.FilterQuery;
import io.jconntrack.json.Json;
import io.jconntrack.json.UpdateJson;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/** {@code /conntrack/v1/entries}: list (NDJSON stream), count, create, update and delete a selection. */
@Path("/conntrack/v1/entries")
public final class EntriesResource {
    static final String NDJSON = ListStreams.NDJSON;
    /** {@code zero=true}: the kernel zeroes the counters of the listed entries (a change: admin only). */
    static final String ZERO = "zero";
    private static final Set<String> NETNS = Set.of(Namespaces.NETNS);
    /** {@code table=dying|unconfirmed}: the kernel's other lists ({@code conntrack -L dying}); default the table. */
    static final String TABLE = "table";
    private static final Set<String> NETNS_ZERO = Set.of(Namespaces.NETNS, ZERO, TABLE);
    private static final Set<String> NETNS_ALL = Set.of(Namespaces.NETNS, "all");
    private static final Set<String> NETNS_ADD = Set.of(Namespaces.NETNS, "add");

    private final Namespaces namespaces;
    private final ListStreams lists;
    private final int maxFailuresListed;

    EntriesResource(Namespaces namespaces, ListStreams lists, int maxFailuresListed) {
        this.namespaces = namespaces;
        this.lists = lists;
        this.maxFailuresListed = maxFailuresListed;
    }

    /** The list as NDJSON ({@link ListStreams}); {@code zero=true} zeroes the counters as it reads them. */
    @GET
    @Produces(NDJSON)
    public Response list(@Context UriInfo uri, @Context SecurityContext user, @Context HttpServletRequest request) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter filter = FilterQuery.of(q, NETNS_ZERO);
        boolean zero = flag(q, ZERO);
        String tableName = q.getFirst(TABLE);
        ConntrackTable table = tableName == null ? ConntrackTable.CONNTRACK
                : JsonFields.choice(TABLE, tableName, ConntrackTable.class);
        if (zero && table != ConntrackTable.CONNTRACK) {
            throw new IllegalArgumentException("zero: counters are zeroed in the table only, not in " + tableName);
        }
        ConntrackService ct = namespaces.reached(q.getFirst(Namespaces.NETNS));
        return lists.open(user, request, (Consumer<ConntrackEntry> line) -> {
            if (zero) {
                ct.forEachAndZero(filter, line);
            } else if (table != ConntrackTable.CONNTRACK) {
                ct.forEach(table, filter, line);
            } else {
                ct.forEach(filter, line);
            }
        }, EntryJson::write);
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    public Response count(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter filter = FilterQuery.of(q, NETNS);
        return Results.ok(Results.object("count", namespaces.in(q.getFirst(Namespaces.NETNS)).count(filter)));
    }

    /**
     * Creates the entries of the body: one object (201, 409 when it exists) or an array of them, read and created
     * {@value Bodies#BATCH} at a time. {@code add=true} is the tool's {@code -A}: an existing entry is not a failure.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context UriInfo uri, InputStream body) throws IOException {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        if (!FilterQuery.of(q, NETNS_ADD).isEmpty()) {
            throw new IllegalArgumentException("create: takes no selection, only netns and add");
        }
        boolean add = flag(q, "add");
        ConntrackService ct = namespaces.in(q.getFirst(Namespaces.NETNS));
        long[] totals = new long[2]; // created, existing
        FailureSample failures = new FailureSample(maxFailuresListed);
        ConntrackEntry one = Bodies.objectOrArray(body, "entry", "entries", EntryJson::read, batch -> {
            BulkResult r = ct.create(batch);
            totals[0] += r.succeeded();
            for (Failure f : r.failures()) {
                if (add && ConntrackException.EEXIST.equals(f.errno())) {
                    totals[1]++;
                } else {
                    failures.add(f);
                }
            }
        });
        if (one == null) {
            return Results.bulk("created", totals[0], failures, totals[1], add ? "existing" : null);
        }
        if (add) {
            BulkResult r = ct.create(List.of(one));
            boolean existed = !r.failures().isEmpty() && ConntrackException.EEXIST.equals(r.failures().get(0).errno());
            FailureSample failed = new FailureSample(maxFailuresListed);
            failed.addAll(existed ? List.of() : r.failures());
            return Results.bulk("created", r.succeeded(), failed, existed ? 1 : 0, "existing");
        }
        ct.create(one);
        return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.text(Results.object("created", 1))).build();
    }

    /** Applies the body's change to every entry the selection names, as {@code conntrack -U}. */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@Context UriInfo uri, InputStream body) throws IOException {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter filter = guarded(q, "update");
        ConntrackChange change = ChangeJson.read(Bodies.tree(body, "a change"));
        BulkResult r = namespaces.in(q.getFirst(Namespaces.NETNS)).update(filter, change);
        FailureSample failures = new FailureSample(maxFailuresListed);
        failures.addAll(r.failures());
        return Results.bulk("updated", r.succeeded(), failures, 0, null);
    }

    /** As {@link #update}: a selection is replaced by the change. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replace(@Context UriInfo uri, InputStream body) throws IOException {
        return update(uri, body);
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter filter = guarded(q, "delete");
        return Results.ok(Results.object("deleted", namespaces.in(q.getFirst(Namespaces.NETNS)).deleteMatching(filter)));
    }

    /**
     * Deletes the entries of the body (an array, as listed: each guarded by its {@code id} when it has one),
     * {@value Bodies#BATCH} at a time, as {@link ConntrackService#delete(java.util.Collection)}.
     */
    @POST
    @Path("deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteEntries(@Context UriInfo uri, InputStream body) throws IOException {
        ConntrackService ct = namespaces.in(onlyNetns(uri.getQueryParameters(), "deletions"));
        return Bodies.deletions(body, "entries", EntryJson::readListed, ct::delete, maxFailuresListed);
    }

    /** Applies the updates of the body (an array of one-entry updates), {@value Bodies#BATCH} at a time. */
    @POST
    @Path("updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateEntries(@Context UriInfo uri, InputStream body) throws IOException {
        ConntrackService ct = namespaces.in(onlyNetns(uri.getQueryParameters(), "updates"));
        long[] updated = new long[1];
        FailureSample failures = new FailureSample(maxFailuresListed);
        Bodies.array(body, "entries", UpdateJson::read, batch -> {
            BulkResult r = ct.update(batch);
            updated[0] += r.succeeded();
            failures.addAll(r.failures());
        });
        return Results.bulk("updated", updated[0], failures, 0, null);
    }

    private static String onlyNetns(MultivaluedMap<String, String> q, String operation) {
        if (!FilterQuery.of(q, NETNS).isEmpty()) {
            throw new IllegalArgumentException(operation + ": takes no selection, only netns");
        }
        return q.getFirst(Namespaces.NETNS);
    }

    /** The selection, refused when empty unless {@code all=true}: the whole table goes only on purpose. */
    private static ConntrackFilter guarded(MultivaluedMap<String, String> q, String operation) {
        ConntrackFilter filter = FilterQuery.of(q, NETNS_ALL);
        if (filter.isEmpty() && !flag(q, "all")) {
            throw new IllegalArgumentException("all: " + operation + " without a selection needs all=true");
        }
        return filter;
    }

    static boolean flag(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            return false;
        }
        if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }
}
