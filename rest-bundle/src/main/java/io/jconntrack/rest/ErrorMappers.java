package io.jconntrack.rest;

import io.jconntrack.api.ConntrackException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exceptions to JSON error responses (see {@link ErrorJson}). */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    public static final class BadInput implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return ErrorJson.badRequest(e);
        }
    }

    public static final class Kernel implements ExceptionMapper<ConntrackException> {
        @Override
        public Response toResponse(ConntrackException e) {
            return ErrorJson.kernel(e);
        }
    }

    /** JAX-RS's own (404 unknown path, 405, 406, ...): the same status, a JSON body. */
    public static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return ErrorJson.of(status, Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                    ? "bad-request" : "server", e.getMessage());
        }
    }

    public static final class TooMany implements ExceptionMapper<TooManyRequests> {
        @Override
        public Response toResponse(TooManyRequests e) {
            return ErrorJson.tooMany(e);
        }
    }

    public static final class TooLarge implements ExceptionMapper<BodyTooLarge> {
        @Override
        public Response toResponse(BodyTooLarge e) {
            return ErrorJson.tooLarge(e);
        }
    }

    /**
     * Anything else is a fault of the agent: logged with its stack trace (at a bounded rate, so that a client that
     * can trigger it cannot flood the log), answered with no more than "internal error" (class names and messages
     * of internals are not for clients).
     */
    public static final class Unexpected implements ExceptionMapper<RuntimeException> {
        private final RateLimitedLog log = new RateLimitedLog(10_000);

        @Override
        public Response toResponse(RuntimeException e) {
            log.log(suppressed -> LOG.error("REST request failed{}", RateLimitedLog.suppressedNote(suppressed), e));
            return ErrorJson.of(500, "internal", "internal error; the agent's log has the details");
        }
    }
}
