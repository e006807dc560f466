package io.jconntrack.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

/**
 * NDJSON lists (entries, expectations): one JSON object per line, written while the kernel's dump is read, so that
 * no value is kept. A failure after the first line ends the stream with one error line {@code {"status": ...,
 * "error": ...}} (the status line is already sent); a client tells it from a value by its {@code status} field.
 * A stream holds a server thread for as long as its client reads: it takes a {@link ClientLimits} slot first (429
 * when the user has its share), given back when the stream ends, or when the request ends if it never started.
 */
final class ListStreams {
    static final String NDJSON = "application/x-ndjson";

    /** How one value is written. */
    interface Encoder<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final ClientLimits limits;

    ListStreams(ClientLimits limits) {
        this.limits = limits;
    }

    /** {@code dump} hands each value to its consumer (e.g. {@code c -> service.forEach(filter, c)}). */
    <T> Response open(SecurityContext user, HttpServletRequest request, Consumer<Consumer<T>> dump,
                      Encoder<T> encoder) {
        ClientLimits.Permit permit = limits.acquire(ClientLimits.Kind.LIST, AgentUser.name(user),
                AgentUser.isAdmin(user));
        RequestGuard.releaseAtEnd(request, permit);
        RequestGuard.streaming(request);
        StreamingOutput body = out -> {
            try (permit) {
                JsonGenerator g = Json.generator(out);
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.setRootValueSeparator(null); // lines end with '\n' alone, not Jackson's ' ' between values
                try {
                    dump.accept(value -> {
                        try {
                            encoder.write(g, value);
                            g.writeRaw('\n');
                        } catch (IOException x) {
                            throw new UncheckedIOException(x); // the client went away: ends the dump
                        }
                    });
                } catch (ConntrackException e) {
                    g.writeRaw(Json.text(ErrorBody.of(e)) + "\n");
                } catch (IllegalArgumentException e) {
                    g.writeRaw(Json.text(ErrorBody.of(e)) + "\n");
                } catch (UncheckedIOException clientGone) {
                    return; // nobody to answer; the response's output ignores what follows (RequestGuard)
                }
                g.close();
            } catch (IOException clientGone) {
                // gone while the error line or the end was written: the same
            }
        };
        return Response.ok(body, NDJSON).build();
    }
}
