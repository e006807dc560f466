package io.jconntrack.remote;

import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.api.Limits;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.json.ExpectationJson;
import io.jconntrack.json.ExpectationSelection;
import io.jconntrack.json.ResultJson;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The expectation table of a remote node's namespace, over {@code /conntrack/v1/expectations}: the contract of
 * {@link ExpectationService}, failures rebuilt as the local service throws them, naming the node.
 */
final class RemoteExpectationService implements ExpectationService {
    private static final String PATH = "expectations";

    private final NodeNamespace at;
    private final NodeClient client;
    private final String netns;

    RemoteExpectationService(NodeNamespace at) {
        this.at = at;
        this.client = at.client();
        this.netns = at.netns();
    }

    private Map<String, String> query(ExpectationFilter filter) {
        return at.query(ExpectationSelection.encode(Limits.checkNotNull("filter", filter)));
    }

    @Override
    public List<Expectation> list(ExpectationFilter filter) {
        List<Expectation> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    /** The node's NDJSON list ({@link NdjsonList}). */
    @Override
    public long forEach(ExpectationFilter filter, Consumer<? super Expectation> action) {
        Limits.checkNotNull("action", action);
        HttpRequest request = client.request(client.uri(PATH, query(filter))).GET().build();
        return NdjsonList.read(client, "list expectations", netns, request, "expectation",
                ExpectationJson::readListed, action);
    }

    @Override
    public long count(ExpectationFilter filter) {
        return client.call("count expectations", netns, client.request(client.uri(PATH + "/count", query(filter))).GET().build()).body().path("count").asLong();
    }

    /** Selected by the expected tuple's fields and the zone, then compared exactly. */
    @Override
    public Optional<Expectation> get(Tuple expected, int zone) {
        Limits.checkNotNull("expected", expected);
        Limits.checkZone("zone", zone);
        ExpectationFilter.Builder b = ExpectationFilter.builder().protocol(expected.protocol()).zone(zone)
                .expectedSource(expected.source().getHostAddress())
                .expectedDestination(expected.destination().getHostAddress());
        if (expected.protocol().hasPorts()) {
            b.expectedSourcePort(expected.sourcePort()).expectedDestinationPort(expected.destinationPort());
        }
        Expectation[] found = {null};
        forEach(b.build(), x -> {
            if (x.expected().equals(expected) && x.zone() == zone) {
                found[0] = x;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    @Override
    public void create(Expectation expectation) {
        Limits.checkNotNull("expectation", expectation);
        client.call("create expectation", netns, client.request(client.uri(PATH, query(ExpectationFilter.ALL))).header("Content-Type", NodeClient.JSON).POST(NodeClient.json(ExpectationJson.text(expectation)))
                .build());
    }

    @Override
    public boolean delete(Expectation expectation) {
        DeleteResult r = delete(List.of(Limits.checkNotNull("expectation", expectation)));
        if (!r.failures().isEmpty()) {
            throw client.failure("delete expectation", netns, r.failures().get(0).toString(), null);
        }
        return r.deleted() > 0;
    }

    @Override
    public DeleteResult delete(Collection<Expectation> expectations) {
        Limits.checkNotNull("expectations", expectations);
        expectations.forEach(x -> Limits.checkNotNull("expectations", x));
        String body = NodeNamespace.array(expectations, ExpectationJson::write);
        NodeClient.Answer a = client.call("delete expectations", netns, client.request(client.uri(PATH
                + "/deletions", query(ExpectationFilter.ALL))).header("Content-Type", NodeClient.JSON)
                .POST(NodeClient.json(body)).build(), 404, 409, 503);
        if (!a.body().has("deleted")) {
            throw client.error("delete expectations", netns, a.status(), a.body());
        }
        return ResultJson.readDelete(a.body());
    }

    @Override
    public long deleteMatching(ExpectationFilter filter) {
        Map<String, String> q = query(filter);
        if (filter.isEmpty()) {
            q.put("all", "true");
        }
        return client.call("delete expectations", netns, client.request(client.uri(PATH, q)).DELETE().build())
                .body().path("deleted").asLong();
    }

    @Override
    public void flush() {
        deleteMatching(ExpectationFilter.ALL);
    }

    @Override
    public List<ExpectationStatistics> statistics() {
        return ExpectationJson.readStatistics(client.call("expectation statistics", netns, client.request(
                client.uri(PATH + "/statistics", query(ExpectationFilter.ALL))).GET().build()).body());
    }

    @Override
    public Subscription subscribe(Set<EventType> types, ExpectationFilter filter, ExpectationListener listener) {
        Limits.checkNotNull("types", types);
        Limits.checkNotNull("listener", listener);
        Map<String, String> q = query(filter);
        q.put("types", String.join(",", types.stream().map(Enum::name).toList()));
        return at.subscriptions().open(client.uri(PATH + "/events", q), netns, EventDelivery.expectations(listener));
    }

    @Override
    public String namespace() {
        return netns;
    }
}
