package io.jconntrack.remote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.json.AddressCache;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * A node's NDJSON list (entries, expectations), read value by value straight from the parser, never held. One rule
 * for error lines: an object whose first field is {@code status} is the node's report of a failure after the stream
 * began (its status line was already sent), thrown as that failure. Closing the stream early (the action threw)
 * drops the connection, which ends the node's dump.
 */
final class NdjsonList {
    /** Reads one value object at the parser's current token, up to its end. */
    interface ValueReader<T> {
        T read(JsonParser p, String at, AddressCache addresses) throws IOException;
    }

    private NdjsonList() {
    }

    /**
     * @param at the value's name in messages ({@code entry}, {@code expectation})
     * @return the values handed to {@code action}
     */
    static <T> long read(NodeClient client, String operation, String netns, HttpRequest request, String at,
                         ValueReader<T> reader, Consumer<? super T> action) {
        long n = 0;
        AddressCache addresses = new AddressCache();
        try (InputStream in = client.stream(operation, netns, request);
             JsonParser p = Json.parser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                if (p.nextToken() == JsonToken.FIELD_NAME && "status".equals(p.currentName())) {
                    ObjectNode error = Json.object();
                    do {
                        String name = p.currentName();
                        p.nextToken();
                        error.set(name, p.readValueAsTree());
                    } while (p.nextToken() == JsonToken.FIELD_NAME);
                    throw client.error(operation, netns, error.path("status").asInt(503), error);
                }
                action.accept(reader.read(p, at, addresses));
                n++;
            }
            if (p.currentToken() != null) {
                throw client.failure(operation, netns, "the node's list is not JSON objects: " + p.currentToken(),
                        null);
            }
        } catch (IOException e) {
            throw client.unreachable(operation, netns, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException && !(e instanceof ConntrackException)
                    && !(e instanceof IllegalArgumentException)) {
                throw client.unreachable(operation, netns, (IOException) e.getCause());
            }
            throw e;
        }
        return n;
    }
}
