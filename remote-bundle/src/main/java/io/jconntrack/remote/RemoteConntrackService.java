package io.jconntrack.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackTable;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Limits;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.json.ChangeJson;
import io.jconntrack.json.EntryJson;
import io.jconntrack.json.FilterQuery;
import io.jconntrack.json.Json;
import io.jconntrack.json.ResultJson;
import io.jconntrack.json.StatisticsJson;
import io.jconntrack.json.UpdateJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link ConntrackService} of a remote node, over its REST agent: the same contract as the local one (values in,
 * values out, {@link IllegalArgumentException} for bad input, {@link ConntrackException} with the kernel's errno),
 * with the node named in every failure. Lists stream: entries are read from the node's newline-delimited JSON as
 * they arrive and handed on one by one, never held. Arguments are validated by the API's own types before anything
 * is sent, so bad input is refused here as it is locally.
 */
final class RemoteConntrackService implements ConntrackService {
    private final NodeNamespace at;
    private final NodeClient client;
    private final String netns;

    RemoteConntrackService(NodeNamespace at) {
        this.at = at;
        this.client = at.client();
        this.netns = at.netns();
    }

    String node() {
        return client.node();
    }

    private Map<String, String> query() {
        return at.query();
    }

    private Map<String, String> query(ConntrackFilter filter) {
        return at.query(FilterQuery.encode(Limits.checkNotNull("filter", filter)));
    }

    private URI uri(String path, Map<String, String> query) {
        return client.uri(path, query);
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        List<ConntrackEntry> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    @Override
    public long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        return stream("list", query(filter), action);
    }

    @Override
    public long forEachAndZero(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        Map<String, String> q = query(filter);
        q.put("zero", "true");
        return stream("list and zero", q, action);
    }

    /** The NDJSON list ({@link NdjsonList}). */
    private long stream(String operation, Map<String, String> q, Consumer<? super ConntrackEntry> action) {
        Limits.checkNotNull("action", action);
        HttpRequest request = client.request(uri("entries", q)).GET().build();
        return NdjsonList.read(client, operation, netns, request, "entry", EntryJson::readListed, action);
    }

    @Override
    public long count(ConntrackFilter filter) {
        return get("count", "entries/count", query(filter)).path("count").asLong();
    }

    @Override
    public Optional<ConntrackEntry> get(Tuple original, int zone) {
        return lookup(original, zone, "original");
    }

    @Override
    public Optional<ConntrackEntry> getByReply(Tuple reply, int zone) {
        return lookup(reply, zone, "reply");
    }

    private Optional<ConntrackEntry> lookup(Tuple tuple, int zone, String direction) {
        Limits.checkZone("zone", zone);
        Map<String, String> q = tupleQuery(Limits.checkNotNull("tuple", tuple), zone);
        q.put("direction", direction);
        NodeClient.Answer a = client.call("get", netns, client.request(uri("entry", q)).GET().build(), 404);
        if (a.status() == 404) {
            if ("not-found".equals(a.body().path("error").asText())) {
                return Optional.empty();
            }
            throw client.error("get", netns, 404, a.body());
        }
        return Optional.of(EntryJson.readListed(a.body(), "entry"));
    }

    private Map<String, String> tupleQuery(Tuple t, int zone) {
        Map<String, String> q = query();
        q.put("protocol", Integer.toString(t.protocol().number()));
        q.put("source", t.source().getHostAddress());
        q.put("destination", t.destination().getHostAddress());
        if (t.protocol().isIcmp()) {
            q.put("icmpType", Integer.toString(t.icmpType()));
            q.put("icmpCode", Integer.toString(t.icmpCode()));
            q.put("icmpId", Integer.toString(t.icmpId()));
        } else {
            q.put("sourcePort", Integer.toString(t.sourcePort()));
            q.put("destinationPort", Integer.toString(t.destinationPort()));
        }
        q.put("zone", Integer.toString(zone));
        return q;
    }

    @Override
    public void create(ConntrackEntry entry) {
        Limits.checkNotNull("entry", entry);
        client.call("create", netns, client.request(uri("entries", query()))
                .header("Content-Type", NodeClient.JSON).POST(NodeClient.json(text(entry))).build());
    }

    @Override
    public BulkResult create(Collection<ConntrackEntry> entries) {
        return bulk("create", "entries", "created", entries, EntryJson::write);
    }

    @Override
    public void update(ConntrackUpdate update) {
        Limits.checkNotNull("update", update);
        client.call("update", netns, client.request(uri("entry", query()))
                .header("Content-Type", NodeClient.JSON)
                .method("PATCH", NodeClient.json(NodeNamespace.text(update, UpdateJson::write))).build());
    }

    @Override
    public BulkResult update(Collection<ConntrackUpdate> updates) {
        return bulk("update", "entries/updates", "updated", updates, UpdateJson::write);
    }

    @Override
    public BulkResult update(ConntrackFilter filter, ConntrackChange change) {
        Map<String, String> q = guarded(filter);
        String body = Json.text(ChangeJson.write(Limits.checkNotNull("change", change)));
        NodeClient.Answer a = client.call("update", netns, client.request(uri("entries", q))
                .header("Content-Type", NodeClient.JSON).method("PATCH", NodeClient.json(body)).build(),
                404, 409, 503);
        if (!a.body().has("updated")) {
            throw client.error("update", netns, a.status(), a.body());
        }
        return ResultJson.readBulk(a.body(), "updated");
    }

    @Override
    public void createOrUpdate(ConntrackEntry entry) {
        Limits.checkNotNull("entry", entry);
        client.call("create or update", netns, client.request(uri("entry", query()))
                .header("Content-Type", NodeClient.JSON).PUT(NodeClient.json(text(entry))).build());
    }

    @Override
    public boolean delete(ConntrackEntry entry) {
        Limits.checkNotNull("entry", entry);
        Map<String, String> q = tupleQuery(entry.original(), entry.zone());
        if (entry.id() != 0) {
            q.put("id", Long.toString(entry.id()));
        }
        return client.call("delete", netns, client.request(uri("entry", q)).DELETE().build())
                .body().path("deleted").asBoolean();
    }

    @Override
    public DeleteResult delete(Collection<ConntrackEntry> entries) {
        long deleted = 0;
        long gone = 0;
        List<io.jconntrack.api.Failure> failures = new ArrayList<>();
        for (List<ConntrackEntry> chunk : chunks(entries, "entries")) {
            NodeClient.Answer a = post("delete", "entries/deletions", NodeNamespace.array(chunk, EntryJson::write));
            if (!a.body().has("deleted")) {
                throw client.error("delete", netns, a.status(), a.body());
            }
            DeleteResult r = ResultJson.readDelete(a.body());
            deleted += r.deleted();
            gone += r.alreadyGone();
            failures.addAll(r.failures());
        }
        return new DeleteResult(deleted, gone, failures);
    }

    @Override
    public long deleteMatching(ConntrackFilter filter) {
        return client.call("delete", netns, client.request(uri("entries", guarded(filter))).DELETE().build())
                .body().path("deleted").asLong();
    }

    @Override
    public void flush() {
        deleteMatching(ConntrackFilter.ALL);
    }

    @Override
    public void flush(int zone) {
        Limits.checkZone("zone", zone);
        client.call("flush zone", netns, client.request(uri("zones/" + zone, query())).DELETE().build());
    }

    @Override
    public ConntrackStatistics statistics() {
        return StatisticsJson.read(get("statistics", "statistics", query()));
    }

    @Override
    public Subscription subscribe(EventFilter filter, ConntrackListener listener) {
        Limits.checkNotNull("filter", filter);
        Limits.checkNotNull("listener", listener);
        Map<String, String> q = query(filter.selection());
        q.put("types", String.join(",", filter.types().stream().map(Enum::name).toList()));
        return at.subscriptions().open(uri("events", q), netns, EventDelivery.entries(listener));
    }

    @Override
    public long forEach(ConntrackTable table, ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        Limits.checkNotNull("table", table);
        Map<String, String> q = query(filter);
        if (table != ConntrackTable.CONNTRACK) {
            q.put("table", table.name().toLowerCase(java.util.Locale.ROOT));
        }
        return stream("list " + table.name().toLowerCase(java.util.Locale.ROOT), q, action);
    }

    @Override
    public ExpectationService expectations() {
        return new RemoteExpectationService(at);
    }

    @Override
    public ConntrackService inNamespace(String name) {
        return new RemoteConntrackService(at.in(Limits.checkNetns(name)));
    }

    @Override
    public String namespace() {
        return netns;
    }

    @Override
    public String kernelRelease() {
        return get("node", "node", Map.of()).path("kernelRelease").asText(null);
    }

    private JsonNode get(String operation, String path, Map<String, String> q) {
        return client.call(operation, netns, client.request(uri(path, q)).GET().build()).body();
    }

    /** The selection; an empty one is sent as {@code all=true}, which the agent asks for to touch every entry. */
    private Map<String, String> guarded(ConntrackFilter filter) {
        Map<String, String> q = query(filter);
        if (filter.isEmpty()) {
            q.put("all", "true");
        }
        return q;
    }

    /**
     * Bulk work in requests of at most {@value #CHUNK} values, one after the other: bodies stay small on both sides
     * whatever the collection's size, and the results add up. Each request's failures are the kernel's per entry;
     * a request that fails as a whole (node gone) is thrown with what earlier requests did in its message.
     */
    private <T> BulkResult bulk(String operation, String path, String done, Collection<T> values,
                                NodeNamespace.Writer<T> writer) {
        long succeeded = 0;
        List<io.jconntrack.api.Failure> failures = new ArrayList<>();
        for (List<T> chunk : chunks(values, operation.equals("create") ? "entries" : "updates")) {
            NodeClient.Answer a;
            try {
                a = post(operation, path, NodeNamespace.array(chunk, writer));
            } catch (ConntrackException e) {
                if (succeeded == 0 && failures.isEmpty()) {
                    throw e;
                }
                throw client.failure(operation, netns, e.getMessage() + "; before it, " + succeeded + " " + done
                        + " and " + failures.size() + " failed, the rest not sent", e);
            }
            if (!a.body().has(done)) {
                throw client.error(operation, netns, a.status(), a.body());
            }
            BulkResult r = ResultJson.readBulk(a.body(), done);
            succeeded += r.succeeded();
            failures.addAll(r.failures());
        }
        return new BulkResult(succeeded, failures);
    }

    /** Bulk answers come with the status of their first failure (404, 409, 503) and the result as the body. */
    private NodeClient.Answer post(String operation, String path, String body) {
        return client.call(operation, netns, client.request(uri(path, query()))
                .header("Content-Type", NodeClient.JSON).POST(NodeClient.json(body)).build(), 404, 409, 503);
    }

    static final int CHUNK = 8192;

    private static <T> List<List<T>> chunks(Collection<T> values, String field) {
        Limits.checkNotNull(field, values);
        List<List<T>> out = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        for (T v : values) {
            chunk.add(Limits.checkNotNull(field, v));
            if (chunk.size() == CHUNK) {
                out.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
        return out;
    }

    private static String text(ConntrackEntry e) {
        return NodeNamespace.text(e, EntryJson::write);
    }
}
