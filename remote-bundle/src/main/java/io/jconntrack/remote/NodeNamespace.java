package io.jconntrack.remote;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One namespace of a node, as both remote services (entries, expectations) address it: its client, its event
 * subscriptions, and the {@code netns} every request names; with the JSON bodies their requests carry.
 */
record NodeNamespace(NodeClient client, RemoteSubscriptions subscriptions, String netns) {
    private static final String NETNS = "netns";

    /** Writes one value as JSON. */
    interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    NodeNamespace in(String name) {
        return new NodeNamespace(client, subscriptions, name);
    }

    /** The query naming the namespace, to add to. */
    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        if (netns != null) {
            q.put(NETNS, netns);
        }
        return q;
    }

    /** The query naming the namespace and a selection's parameters. */
    Map<String, String> query(Map<String, String> selection) {
        Map<String, String> q = query();
        q.putAll(selection);
        return q;
    }

    static <T> String text(T value, Writer<T> writer) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            writer.write(g, value);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return w.toString();
    }

    static <T> String array(Collection<T> values, Writer<T> writer) {
        return text(values, (g, all) -> {
            g.writeStartArray();
            for (T v : all) {
                writer.write(g, v);
            }
            g.writeEndArray();
        });
    }
}
