package io.jconntrack.rest;

import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import io.jconntrack.json.EntryJson;
import io.jconntrack.json.FilterQuery;
import io.jconntrack.json.Json;
import io.jconntrack.json.JsonFields;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.PATCH;
import javax.ws.rs.PUT;
import io.jconntrack.json.UpdateJson;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * {@code /conntrack/v1/entry}: one entry by its original tuple ({@code direction=reply}: by its reply tuple) and zone:
 * GET as {@link ConntrackService#get} (404 when there is none), DELETE as {@link ConntrackService#delete(ConntrackEntry)}
 * (guarded by {@code id} when given; {@code {"deleted": false}} when it was already gone); PUT creates or updates the
 * entry of the body, as {@link ConntrackService#createOrUpdate}; PATCH applies a one-entry update (the body names the
 * entry).
 */
@Path("/conntrack/v1/entry")
public final class EntryResource {
    private static final Set<String> PARAMETERS = Set.of("protocol", "source", "destination", "sourcePort",
            "destinationPort", "icmpType", "icmpCode", "icmpId", "zone", "direction", Namespaces.NETNS);
    private static final Set<String> DELETE_PARAMETERS = Set.of("protocol", "source", "destination", "sourcePort",
            "destinationPort", "icmpType", "icmpCode", "icmpId", "zone", "id", Namespaces.NETNS);

    private final Namespaces namespaces;

    EntryResource(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        known(q, PARAMETERS);
        Tuple tuple = tuple(q);
        int zone = number(q, "zone");
        String direction = q.getFirst("direction");
        boolean reply = direction != null && JsonFields.choice("direction", direction, Direction.class) == Direction.REPLY;
        ConntrackService ct = namespaces.in(q.getFirst(Namespaces.NETNS));
        Optional<ConntrackEntry> e = reply ? ct.getByReply(tuple, zone) : ct.get(tuple, zone);
        if (e.isEmpty()) {
            return ErrorJson.of(404, "not-found", "no entry " + tuple + " in zone " + zone);
        }
        return Response.ok(EntryJson.text(e.get()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        known(q, DELETE_PARAMETERS);
        ConntrackEntry.Builder b = ConntrackEntry.builder(tuple(q)).zone(number(q, "zone"));
        String id = q.getFirst("id");
        if (id != null) {
            b.id(FilterQuery.number("id", id));
        }
        boolean deleted = namespaces.in(q.getFirst(Namespaces.NETNS)).delete(b.build());
        return Results.ok(Json.object().put("deleted", deleted));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createOrUpdate(@Context UriInfo uri, InputStream body) throws IOException {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        known(q, Set.of(Namespaces.NETNS));
        ConntrackEntry entry = EntryJson.read(Bodies.tree(body, "an entry"), "entry");
        namespaces.in(q.getFirst(Namespaces.NETNS)).createOrUpdate(entry);
        return Results.ok(Json.object().put("createdOrUpdated", 1));
    }

    /** Changes one entry, as {@link ConntrackService#update(io.jconntrack.api.ConntrackUpdate)}: 404 when there is none. */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@Context UriInfo uri, InputStream body) throws IOException {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        known(q, Set.of(Namespaces.NETNS));
        namespaces.in(q.getFirst(Namespaces.NETNS)).update(UpdateJson.read(Bodies.tree(body, "an update"), "update"));
        return Results.ok(Json.object().put("updated", 1));
    }

    private static void known(MultivaluedMap<String, String> q, Set<String> parameters) {
        q.forEach((name, values) -> {
            if (!parameters.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown query parameter; known: "
                        + new java.util.TreeSet<>(parameters));
            }
            FilterQuery.single(name, values);
        });
    }

    private static Tuple tuple(MultivaluedMap<String, String> q) {
        Protocol protocol = Protocol.parse(required(q, "protocol"));
        InetAddress src = Cidr.parseAddress("source", required(q, "source"));
        InetAddress dst = Cidr.parseAddress("destination", required(q, "destination"));
        return new Tuple(src, dst, protocol, number(q, "sourcePort"), number(q, "destinationPort"),
                number(q, "icmpType"), number(q, "icmpCode"), number(q, "icmpId"));
    }

    private enum Direction { ORIGINAL, REPLY }

    private static String required(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(name + ": is required");
        }
        return v;
    }

    private static int number(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        return v == null ? 0 : FilterQuery.integer(name, v);
    }
}
