package io.jconntrack.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Results of bulk work: {@code {"<done>": N, "failed": M, "failures": [...]}}, with {@code alreadyGone} for deletes.
 * A failure: {@code proto}, {@code tuple} (as in an entry), {@code zone}, {@code errnoName}, {@code message}, and
 * {@code entry} (the tuple as text, for people reading the body).
 */
public final class ResultJson {
    private static final Set<String> FAILURE_FIELDS = Set.of("proto", "tuple", "entry", "zone", "errnoName",
            "message");

    private ResultJson() {
    }

    /** {@code done} names the count ({@code created}, {@code updated}, {@code deleted}). */
    public static ObjectNode write(String done, long succeeded, List<Failure> failures) {
        return write(done, succeeded, failures.size(), failures);
    }

    /**
     * As {@link #write(String, long, List)} for an answer that lists only the first of {@code failed} failures
     * (bounded, so that a huge bulk request cannot make a huge answer): {@code failuresOmitted} says how many more.
     */
    public static ObjectNode write(String done, long succeeded, long failed, List<Failure> listed) {
        ObjectNode body = Json.object().put(done, succeeded);
        body.put("failed", failed);
        if (failed > listed.size()) {
            body.put("failuresOmitted", failed - listed.size());
        }
        List<Failure> failures = listed;
        ArrayNode list = body.putArray("failures");
        for (Failure f : failures) {
            ObjectNode o = list.addObject();
            if (f.tuple() != null) {
                o.put("proto", f.tuple().protocol().toString());
                o.set("tuple", TupleJson.tree(f.tuple()));
                o.put("entry", f.tuple().toString());
            }
            o.put("zone", f.zone());
            o.put("errnoName", f.errno());
            o.put("message", f.message());
        }
        return body;
    }

    public static ObjectNode write(DeleteResult r) {
        ObjectNode body = write("deleted", r.deleted(), r.failures());
        body.put("alreadyGone", r.alreadyGone());
        return body;
    }

    public static BulkResult readBulk(JsonNode body, String done) {
        return new BulkResult(count(body, done), failures(body));
    }

    public static DeleteResult readDelete(JsonNode body) {
        return new DeleteResult(count(body, "deleted"), count(body, "alreadyGone"), failures(body));
    }

    private static long count(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": missing from the result " + body);
        }
        return n.asLong();
    }

    private static List<Failure> failures(JsonNode body) {
        List<Failure> out = new ArrayList<>();
        JsonNode list = body.get("failures");
        if (list == null || !list.isArray()) {
            return out;
        }
        int i = 0;
        for (JsonNode item : list) {
            String at = "failures[" + i++ + "]";
            JsonFields f = new JsonFields(item, at, FAILURE_FIELDS);
            JsonNode t = f.object("tuple", false);
            Tuple tuple = t == null ? null : TupleJson.read(t, at + ".tuple", Protocol.parse(f.requiredText("proto")));
            out.add(new Failure(tuple, f.intOrZero("zone"), f.optionalText("errnoName"), f.optionalText("message")));
        }
        return out;
    }
}
