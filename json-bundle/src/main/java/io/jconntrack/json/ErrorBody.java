package io.jconntrack.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;

/**
 * Error bodies: {@code {"status", "error", "message"}} and, for bad input, the {@code field} the API named; for
 * kernel failures the {@link ConntrackException}'s operation, errno (number, name, text), kernel message and
 * namespace. {@link #toException} rebuilds the exception on the client's side.
 */
public final class ErrorBody {
    public static final String BAD_REQUEST = "bad-request";
    public static final String KERNEL = "kernel";

    private ErrorBody() {
    }

    public static ObjectNode of(int status, String error, String message) {
        ObjectNode body = Json.object();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    /** 400, with {@code field} when the message starts with one ({@code zone: 70000 is out of range ...}). */
    public static ObjectNode of(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        ObjectNode body = of(400, BAD_REQUEST, message);
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]/]+")) {
            body.put("field", message.substring(0, colon));
        }
        return body;
    }

    /** The HTTP status of a kernel failure: ENOENT (no such entry or namespace) 404, EEXIST 409, otherwise 503. */
    public static int status(ConntrackException e) {
        return ConntrackException.ENOENT.equals(e.errnoName()) ? 404
                : ConntrackException.EEXIST.equals(e.errnoName()) ? 409 : 503;
    }

    public static ObjectNode of(ConntrackException e) {
        ObjectNode body = of(status(e), KERNEL, e.getMessage());
        body.put("operation", e.operation());
        body.put("errno", e.errno());
        body.put("errnoName", e.errnoName());
        body.put("errnoText", e.errnoText());
        body.put("kernelMessage", e.kernelMessage());
        body.put("namespace", e.namespace());
        if (e.tuple() != null) {
            body.put("proto", e.tuple().protocol().toString());
            body.set("tuple", TupleJson.tree(e.tuple()));
        }
        if (e.node() != null) {
            body.put("node", e.node());
        }
        return body;
    }

    /**
     * The exception an error body stands for: bad input is an {@link IllegalArgumentException} with the same
     * message; a kernel failure a {@link ConntrackException} with the same operation, errno, kernel message,
     * namespace and entry, and {@code node}; anything else (401, 403, 5xx) a {@link ConntrackException} of
     * {@code operation} carrying the HTTP status and message.
     */
    public static RuntimeException toException(int httpStatus, JsonNode body, String node, String operation,
                                               String namespace) {
        String error = text(body, "error");
        String message = text(body, "message");
        if (httpStatus == 400 && BAD_REQUEST.equals(error) && message != null) {
            return new IllegalArgumentException(message);
        }
        if (KERNEL.equals(error) && body.hasNonNull("operation")) {
            Tuple tuple = null;
            if (body.hasNonNull("tuple") && body.hasNonNull("proto")) {
                tuple = TupleJson.read(body.get("tuple"), "tuple", Protocol.parse(text(body, "proto")));
            }
            return ConntrackException.kernel(text(body, "operation"),
                    body.path("errno").asInt(ConntrackException.NO_ERRNO), text(body, "errnoName"),
                    text(body, "errnoText")).kernelMessage(text(body, "kernelMessage"))
                    .namespace(text(body, "namespace")).tuple(tuple).node(node).build();
        }
        return ConntrackException.failed(operation, "HTTP " + httpStatus + (error == null ? "" : " " + error)
                + (message == null ? "" : ": " + message)).namespace(namespace).node(node).build();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
