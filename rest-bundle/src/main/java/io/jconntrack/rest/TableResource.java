package io.jconntrack.rest;

import java.util.List;
import io.jconntrack.json.FilterQuery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.Limits;
import java.util.Map;
import io.jconntrack.json.FilterQuery;
import io.jconntrack.json.Json;
import io.jconntrack.json.StatisticsJson;
import java.util.Set;
import java.util.TreeMap;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

/**
 * {@code /conntrack/v1/zones} (zones in use with their entry counts, flush of one zone), {@code statistics} and
 * {@code metrics}.
 */
@Path("/conntrack/v1")
public final class TableResource {
    private static final Set<String> NETNS = Set.of(Namespaces.NETNS);

    private final Namespaces namespaces;
    private final Metrics metrics;

    TableResource(Namespaces namespaces, Metrics metrics) {
        this.namespaces = namespaces;
        this.metrics = metrics;
    }

    /** {@code [{"zone": Z, "entries": N}, ...]} in zone order, counted over one dump (at most 65,536 counters). */
    @GET
    @Path("zones")
    @Produces(MediaType.APPLICATION_JSON)
    public Response zones(@Context UriInfo uri) {
        ConntrackService ct = namespaces.in(netns(uri));
        Map<Integer, long[]> counts = new TreeMap<>();
        ct.forEach(ConntrackFilter.ALL, e -> counts.computeIfAbsent(e.zone(), z -> new long[1])[0]++);
        ArrayNode body = Json.array();
        counts.forEach((zone, n) -> body.addObject().put("zone", zone).put("entries", n[0]));
        return Response.ok(Json.text(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Removes every entry of the zone (one kernel request where the kernel supports it). */
    @DELETE
    @Path("zones/{zone}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response flushZone(@PathParam("zone") String zone, @Context UriInfo uri) {
        int z = Limits.checkZone("zone", FilterQuery.number("zone", zone));
        namespaces.in(netns(uri)).flush(z);
        ObjectNode body = Json.object().put("zone", z).put("flushed", true);
        return Results.ok(body);
    }

    @GET
    @Path("statistics")
    @Produces(MediaType.APPLICATION_JSON)
    public Response statistics(@Context UriInfo uri) {
        return Response.ok(Json.text(StatisticsJson.write(namespaces.in(netns(uri)).statistics())),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * What a controller shows of this node: {@code kernelRelease} (uname -r) and this agent's {@code version}.
     */
    @GET
    @Path("node")
    @Produces(MediaType.APPLICATION_JSON)
    public Response node(@Context UriInfo uri) {
        netns(uri);
        ObjectNode body = Json.object();
        body.put("kernelRelease", System.getProperty("os.version"));
        body.put("version", TableResource.class.getPackage().getImplementationVersion());
        return Results.ok(body);
    }

    /** Prometheus text format: the table of {@code netns} (size, maximum, per-CPU counters) and the agent's own. */
    @GET
    @Path("metrics")
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public Response metrics(@Context UriInfo uri) {
        ConntrackStatistics table = namespaces.in(netns(uri)).statistics();
        StreamingOutput body = out -> metrics.write(out, table);
        return Response.ok(body).build();
    }

    private static String netns(UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        for (String name : q.keySet()) {
            if (!NETNS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown query parameter; this resource takes only netns");
            }
        }
        List<String> values = q.get(Namespaces.NETNS);
        return values == null ? null : FilterQuery.single(Namespaces.NETNS, values);
    }
}
