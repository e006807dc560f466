package io.jconntrack.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.Json;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Error responses with the bodies of {@link ErrorBody}, which the remote client turns back into exceptions. */
final class ErrorJson {
    private ErrorJson() {
    }

    static Response badRequest(IllegalArgumentException e) {
        return response(400, ErrorBody.of(e));
    }

    /** ENOENT (no such entry or namespace) 404, EEXIST 409, anything else the kernel refused 503. */
    static Response kernel(ConntrackException e) {
        return response(ErrorBody.status(e), ErrorBody.of(e));
    }

    /** 429, with {@code Retry-After} when the wait is known. */
    static Response tooMany(TooManyRequests e) {
        Response r = of(TooManyRequests.STATUS, "too-many-requests", e.getMessage());
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(r).header("Retry-After", Long.toString(e.retryAfterSeconds())).build() : r;
    }

    static Response tooLarge(BodyTooLarge e) {
        return of(BodyTooLarge.STATUS, "too-large", e.getMessage());
    }

    static Response of(int status, String error, String message) {
        return response(status, ErrorBody.of(status, error, message));
    }

    private static Response response(int status, ObjectNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.text(body)).build();
    }
}
