package io.jconntrack.rest;

import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

/**
 * {@code /conntrack/v1/entry}: one entry by its original tuple ({@code direction=reply}: by its reply tuple) and zone,
 * as {@link ConntrackService#get}; 404 when there is none.
 */
@Path("/conntrack/v1/entry")
public final class EntryResource {
    private static final Set<String> PARAMETERS = Set.of("protocol", "source", "destination", "sourcePort",
            "destinationPort", "icmpType", "icmpCode", "icmpId", "zone", "direction", Namespaces.NETNS);

    private final Namespaces namespaces;

    EntryResource(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        for (String name : q.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown query parameter; known: "
                        + new java.util.TreeSet<>(PARAMETERS));
            }
        }
        Protocol protocol = Protocol.parse(required(q, "protocol"));
        InetAddress src = Cidr.parseAddress("source", required(q, "source"));
        InetAddress dst = Cidr.parseAddress("destination", required(q, "destination"));
        Tuple tuple = new Tuple(src, dst, protocol, number(q, "sourcePort"), number(q, "destinationPort"),
                number(q, "icmpType"), number(q, "icmpCode"), number(q, "icmpId"));
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
        return v == null ? 0 : Selection.integer(name, v);
    }
}
