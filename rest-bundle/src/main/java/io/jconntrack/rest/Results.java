package io.jconntrack.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.json.Json;
import io.jconntrack.json.ResultJson;
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
        return Json.object().put(field, value);
    }

    /**
     * {@code {"<done>": n, "failed": m, "failures": [...], "failuresOmitted": k}} (the failures listed up to the
     * sample's bound); 200 when nothing failed, else the status of the first failure's errno (409 EEXIST, 404
     * ENOENT, 503 otherwise), the body still telling what succeeded.
     */
    static Response bulk(String done, long succeeded, FailureSample failures, long ignored, String ignoredField) {
        ObjectNode body = ResultJson.write(done, succeeded, failures.count(), failures.listed());
        if (ignoredField != null) {
            body.put(ignoredField, ignored);
        }
        String errno = failures.firstErrno();
        int status = errno == null ? 200 : ConntrackException.EEXIST.equals(errno) ? 409
                : ConntrackException.ENOENT.equals(errno) ? 404 : 503;
        return answer(status, body);
    }

    /** {@code {"deleted": n, "alreadyGone": g, "failed": m, "failures": [...]}}; 503 when any failed. */
    static Response delete(long deleted, long alreadyGone, FailureSample failures) {
        ObjectNode body = ResultJson.write("deleted", deleted, failures.count(), failures.listed());
        body.put("alreadyGone", alreadyGone);
        return answer(failures.count() == 0 ? 200 : 503, body);
    }

    private static Response answer(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.text(body)).build();
    }
}
