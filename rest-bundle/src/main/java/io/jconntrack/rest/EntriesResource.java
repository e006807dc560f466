package io.jconntrack.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Failure;
import io.jconntrack.api.StatusFlag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import io.jconntrack.api.ConntrackTable;
import io.jconntrack.json.ChangeJson;
import io.jconntrack.json.JsonFields;
import io.jconntrack.json.EntryJson;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.FilterQuery;
import io.jconntrack.json.Json;
import io.jconntrack.json.UpdateJson;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
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
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

/** {@code /conntrack/v1/entries}: list (NDJSON stream), count, create, update and delete a selection. */
@Path("/conntrack/v1/entries")
public final class EntriesResource {
    static final String NDJSON = "application/x-ndjson";
    /** {@code zero=true}: the kernel zeroes the counters of the listed entries (a change: admin only). */
    static final String ZERO = "zero";
    /** Entries of a bulk body handed to the service at once: memory stays bounded whatever the body's size. */
    static final int BATCH = 1024;
    private static final Set<String> NETNS = Set.of(Namespaces.NETNS);
    /** {@code table=dying|unconfirmed}: the kernel's other lists ({@code conntrack -L dying}); default the table. */
    static final String TABLE = "table";
    private static final Set<String> NETNS_ZERO = Set.of(Namespaces.NETNS, ZERO, TABLE);
    private static final Set<String> NETNS_ALL = Set.of(Namespaces.NETNS, "all");
    private static final Set<String> NETNS_ADD = Set.of(Namespaces.NETNS, "add");

    private final Namespaces namespaces;

    EntriesResource(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * One JSON object per line, written while the kernel's dump is read: no entry is kept. A failure after the first
     * line ends the stream with one error line {@code {"status": ..., "error": ...}} (the status line is already
     * sent); a client tells it from an entry by its {@code status} field.
     */
    @GET
    @Produces(NDJSON)
    public Response list(@Context UriInfo uri) {
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
        StreamingOutput body = out -> {
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setRootValueSeparator(null); // lines end with '\n' alone, not Jackson's ' ' between values
                try {
                    java.util.function.Consumer<ConntrackEntry> line = e -> {
                        try {
                            EntryJson.write(g, e);
                            g.writeRaw('\n');
                        } catch (IOException x) {
                            throw new UncheckedIOException(x); // the client went away: ends the dump
                        }
                    };
                    if (zero) {
                        ct.forEachAndZero(filter, line);
                    } else if (table != ConntrackTable.CONNTRACK) {
                        ct.forEach(table, filter, line);
                    } else {
                        ct.forEach(filter, line);
                    }
                } catch (ConntrackException e) {
                    g.writeRaw(Json.text(ErrorBody.of(e)) + "\n");
                } catch (IllegalArgumentException e) {
                    g.writeRaw(Json.text(ErrorBody.of(e)) + "\n");
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        };
        return Response.ok(body, NDJSON).build();
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
     * {@value #BATCH} at a time. {@code add=true} is the tool's {@code -A}: an existing entry is not a failure.
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
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                ConntrackEntry e = EntryJson.read(p.readValueAsTree(), "entry");
                if (add) {
                    BulkResult r = ct.create(List.of(e));
                    return Results.bulk("created", r.succeeded(), failures(r, add), existing(r), "existing");
                }
                ct.create(e);
                return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Json.text(Results.object("created", 1))).build();
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("body: expected an entry object or an array of them");
            }
            long created = 0;
            long existing = 0;
            List<Failure> failures = new ArrayList<>();
            List<ConntrackEntry> batch = new ArrayList<>(BATCH);
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                batch.add(EntryJson.read(p.readValueAsTree(), "entries[" + index++ + "]"));
                if (batch.size() == BATCH) {
                    BulkResult r = ct.create(batch);
                    created += r.succeeded();
                    existing += existing(r);
                    failures.addAll(failures(r, add));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                BulkResult r = ct.create(batch);
                created += r.succeeded();
                existing += existing(r);
                failures.addAll(failures(r, add));
            }
            return Results.bulk("created", created, failures, existing, add ? "existing" : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("body: not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static long existing(BulkResult r) {
        return r.failures().stream().filter(f -> "EEXIST".equals(f.errno())).count();
    }

    private static List<Failure> failures(BulkResult r, boolean add) {
        return add ? r.failures().stream().filter(f -> !"EEXIST".equals(f.errno())).toList() : r.failures();
    }

    /** Applies the body's change to every entry the selection names, as {@code conntrack -U}. */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@Context UriInfo uri, String body) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ConntrackFilter filter = guarded(q, "update");
        ConntrackChange change = ChangeJson.read(Json.parse(body));
        return Results.bulk("updated", namespaces.in(q.getFirst(Namespaces.NETNS)).update(filter, change));
    }

    /** As {@link #update}: a selection is replaced by the change. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replace(@Context UriInfo uri, String body) {
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
     * {@value #BATCH} at a time, as {@link ConntrackService#delete(java.util.Collection)}.
     */
    @POST
    @Path("deletions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteEntries(@Context UriInfo uri, InputStream body) throws IOException {
        ConntrackService ct = namespaces.in(onlyNetns(uri.getQueryParameters(), "deletions"));
        long[] totals = new long[2];
        List<Failure> failures = new ArrayList<>();
        readArray(body, (node, at) -> EntryJson.readListed(node, at), batch -> {
            DeleteResult r = ct.delete(batch);
            totals[0] += r.deleted();
            totals[1] += r.alreadyGone();
            failures.addAll(r.failures());
        });
        return Results.delete(new DeleteResult(totals[0], totals[1], failures));
    }

    /** Applies the updates of the body (an array of one-entry updates), {@value #BATCH} at a time. */
    @POST
    @Path("updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateEntries(@Context UriInfo uri, InputStream body) throws IOException {
        ConntrackService ct = namespaces.in(onlyNetns(uri.getQueryParameters(), "updates"));
        long[] updated = new long[1];
        List<Failure> failures = new ArrayList<>();
        readArray(body, UpdateJson::read, batch -> {
            BulkResult r = ct.update(batch);
            updated[0] += r.succeeded();
            failures.addAll(r.failures());
        });
        return Results.bulk("updated", updated[0], failures, 0, null);
    }

    /** Reads a JSON array element by element and hands the values on in batches: the body is never held whole. */
    private static <T> void readArray(InputStream body, java.util.function.BiFunction<JsonNode, String, T> read,
                                      java.util.function.Consumer<List<T>> batches) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("body: expected an array");
            }
            List<T> batch = new ArrayList<>(BATCH);
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                batch.add(read.apply(p.readValueAsTree(), "entries[" + index++ + "]"));
                if (batch.size() == BATCH) {
                    batches.accept(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("body: not JSON (" + e.getOriginalMessage() + ")");
        }
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
