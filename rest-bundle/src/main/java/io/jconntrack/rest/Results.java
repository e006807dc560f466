package io.jconntrack.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.json.Json;
import io.jconntrack.json.ResultJson;
import java.util.List;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Bodies of bulk results and small answers. */
final class Results {
    private Results() {
    }

    static Response ok(ObjectNode body) {
        return Response.ok(Json.text(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static ObjectNode object(String field, long value) {
        return Json.MAPPER.createObjectNode().put(field, value);
    }

    /**
     * {@code {"<done>": n, "failed": m, "failures": [...]}}; 200 when nothing failed, else the status of the first
     * failure's errno (409 EEXIST, 404 ENOENT, 503 otherwise), the body still telling what succeeded.
     */
    static Response bulk(String done, long succeeded, List<Failure> failures, long ignored, String ignoredField) {
        ObjectNode body = ResultJson.write(done, succeeded, failures);
        if (ignoredField != null) {
            body.put(ignoredField, ignored);
        }
        int status = failures.isEmpty() ? 200 : "EEXIST".equals(failures.get(0).errno()) ? 409
                : "ENOENT".equals(failures.get(0).errno()) ? 404 : 503;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.text(body)).build();
    }

    static Response delete(DeleteResult r) {
        ObjectNode body = ResultJson.write(r);
        int status = r.failures().isEmpty() ? 200 : 503;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.text(body)).build();
    }

    static Response bulk(String done, BulkResult r) {
        return bulk(done, r.succeeded(), r.failures(), 0, null);
    }
}
