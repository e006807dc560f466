package io.jconntrack.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * Error bodies: {@code {"status", "error", "message"}} and, for bad input, the {@code field} the API named; for
 * kernel failures the {@link ConntrackException}'s operation, errno (number, name, text), kernel message and
 * namespace, so that a client can rebuild the same exception.
 */
final class ErrorJson {
    private ErrorJson() {
    }

    static Response badRequest(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        ObjectNode body = body(400, "bad-request", message);
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]/]+")) {
            body.put("field", message.substring(0, colon));
        }
        return response(400, body);
    }

    /** ENOENT (no such entry or namespace) 404, EEXIST 409, anything else the kernel refused 503. */
    static Response kernel(ConntrackException e) {
        int status = "ENOENT".equals(e.errnoName()) ? 404 : "EEXIST".equals(e.errnoName()) ? 409 : 503;
        ObjectNode body = body(status, "kernel", e.getMessage());
        body.put("operation", e.operation());
        body.put("errno", e.errno());
        body.put("errnoName", e.errnoName());
        body.put("errnoText", e.errnoText());
        body.put("kernelMessage", e.kernelMessage());
        body.put("namespace", e.namespace());
        return response(status, body);
    }

    static Response of(int status, String error, String message) {
        return response(status, body(status, error, message));
    }

    static ObjectNode body(int status, String error, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    private static Response response(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.text(body)).build();
    }
}
