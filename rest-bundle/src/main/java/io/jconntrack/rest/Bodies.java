package io.jconntrack.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.ws.rs.core.Response;

/**
 * Request bodies as the resources read them: one object read whole (small: at most {@value #MAX_OBJECT_BYTES}
 * bytes), or an array read element by element and handed on {@value #BATCH} at a time, so that memory stays bounded
 * whatever the body's size. Every body is one JSON document: a duplicate field or anything after it is refused.
 */
final class Bodies {
    /** Values handed to the service at once. */
    static final int BATCH = 1024;
    /** One entry, change or update is a few hundred bytes: a megabyte is room enough, and bounds what is held. */
    static final int MAX_OBJECT_BYTES = 1024 * 1024;

    private Bodies() {
    }

    /** The body's one object (or array, for {@code what} that takes one) as a tree. */
    static JsonNode tree(InputStream body, String what) throws IOException {
        try (JsonParser p = Json.parser(
                new LimitedInputStream(body, MAX_OBJECT_BYTES, what))) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("body: is empty; expected JSON");
            }
            JsonNode node = p.readValueAsTree();
            Json.expectEnd(p);
            return node;
        } catch (JsonProcessingException e) {
            throw Json.notJson(e);
        }
    }

    /**
     * An object or an array of them: the object, read with {@code read} as {@code one}; or {@code null} when the body
     * was an array, whose elements ({@code many[i]}) went to {@code batches}.
     */
    static <T> T objectOrArray(InputStream body, String one, String many, BiFunction<JsonNode, String, T> read,
                               Consumer<List<T>> batches) throws IOException {
        return read(body, one, many, read, batches);
    }

    /** An array of values, handed to {@code batches}. */
    static <T> void array(InputStream body, String many, BiFunction<JsonNode, String, T> read,
                          Consumer<List<T>> batches) throws IOException {
        read(body, null, many, read, batches);
    }

    /**
     * Deletes the values of an array body ({@code many[i]}), {@value #BATCH} at a time, and answers with the results
     * of the batches added up ({@link Results#delete}).
     */
    static <T> Response deletions(InputStream body, String many, BiFunction<JsonNode, String, T> read,
                                  Function<List<T>, DeleteResult> delete, int maxFailuresListed) throws IOException {
        long[] totals = new long[2]; // deleted, already gone
        FailureSample failures = new FailureSample(maxFailuresListed);
        array(body, many, read, batch -> {
            DeleteResult r = delete.apply(batch);
            totals[0] += r.deleted();
            totals[1] += r.alreadyGone();
            failures.addAll(r.failures());
        });
        return Results.delete(totals[0], totals[1], failures);
    }

    private static <T> T read(InputStream body, String one, String many, BiFunction<JsonNode, String, T> read,
                              Consumer<List<T>> batches) throws IOException {
        try (JsonParser p = Json.parser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT && one != null) {
                T value = read.apply(readObject(p), one);
                Json.expectEnd(p);
                return value;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("body: expected " + (one == null ? "an array" : "an object or an "
                        + "array of them"));
            }
            List<T> batch = new ArrayList<>(BATCH);
            int index = 0;
            int applied = 0;
            try {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    batch.add(read.apply(readObject(p), many + "[" + index++ + "]"));
                    if (batch.size() == BATCH) {
                        batches.accept(batch);
                        applied += batch.size();
                        batch = new ArrayList<>(BATCH);
                    }
                }
            } catch (BodyTooLarge e) {
                // The batches before the limit are done: the answer says so (bulk work reports what was done).
                throw applied == 0 ? e : e.after(applied, many);
            }
            Json.expectEnd(p); // before the last batch: a body with trailing content changes nothing more
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
            return null;
        } catch (JsonProcessingException e) {
            throw Json.notJson(e);
        }
    }

    private static JsonNode readObject(JsonParser p) throws IOException {
        JsonNode node = p.readValueAsTree();
        return node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
    }
}
