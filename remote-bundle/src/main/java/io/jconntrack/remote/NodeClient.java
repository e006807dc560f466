package io.jconntrack.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTPS to one node's REST agent: requests with Basic authentication, JSON answers, and every failure turned into
 * the exception the local service would throw ({@link ErrorBody#toException}), or a {@link ConntrackException} naming
 * the node when it cannot be reached. Thread-safe. Nodes share HTTP clients ({@link NodeHttp}); what is this
 * node's own is its address, login, trust and deadline: every request must be answered (its headers, for streams)
 * within the request timeout, and a stream that then sends nothing for as long fails, so a node that accepts
 * connections and never answers fails its own calls in bounded time and holds nobody else's.
 */
final class NodeClient implements AutoCloseable {
    static final String API = "/conntrack/v1/";
    static final String JSON = "application/json";
    /** Streams that are quiet by nature (events) have their own watchdog ({@link RemoteSubscription}). */
    static final Duration NO_IDLE_LIMIT = Duration.ofDays(1);

    private final String node;
    private final URI base;
    private final String authorization;
    private final Duration requestTimeout;
    private final X509ExtendedTrustManager trust;
    private final NodeHttp http;
    private boolean closed; // guarded by this

    NodeClient(String node, URI url, String username, String password, X509ExtendedTrustManager trust,
               Duration connectTimeout, Duration requestTimeout) {
        this.node = node;
        this.base = url.resolve(API);
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.trust = trust;
        this.http = NodeHttp.acquire(connectTimeout, base, trust);
    }

    String node() {
        return node;
    }

    URI base() {
        return base;
    }

    /** {@code path} under {@code /conntrack/v1/} with the query parameters, each value URL-encoded. */
    URI uri(String path, Map<String, String> query) {
        StringBuilder b = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> p : query.entrySet()) {
            b.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        return base.resolve(b.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request to be answered within the node's request timeout (for streams: their headers). */
    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Accept", JSON + ", application/x-ndjson, text/event-stream").timeout(requestTimeout);
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    /**
     * Sends and reads a JSON answer. Statuses in {@code accepted} (besides 2xx) are answers too (bulk results come
     * with the status of their first failure); anything else is thrown as the exception its body stands for.
     */
    Answer call(String operation, String namespace, HttpRequest request, int... accepted) {
        HttpResponse<String> r = send(operation, namespace, request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? Json.nullNode() : parse(operation, namespace, r.body());
        if (r.statusCode() / 100 == 2 || contains(accepted, r.statusCode())) {
            return new Answer(r.statusCode(), body);
        }
        throw error(operation, namespace, r.statusCode(), body);
    }

    /** An NDJSON answer as a stream that fails when the node is silent for the request timeout. */
    InputStream stream(String operation, String namespace, HttpRequest request) {
        return stream(operation, namespace, request, requestTimeout);
    }

    /**
     * An answer as a stream that fails when the node is silent for {@code idle} ({@link #NO_IDLE_LIMIT} for event
     * streams); an error status is thrown with its body read.
     */
    InputStream stream(String operation, String namespace, HttpRequest request, Duration idle) {
        HttpResponse<InputStream> r = send(operation, namespace, request, IdleDeadlineBody.handler(idle));
        if (r.statusCode() / 100 == 2) {
            return r.body();
        }
        String text;
        try (InputStream in = r.body()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreachable(operation, namespace, e);
        }
        throw error(operation, namespace, r.statusCode(), text.isEmpty() ? Json.nullNode()
                : parse(operation, namespace, text));
    }

    RuntimeException error(String operation, String namespace, int status, JsonNode body) {
        return ErrorBody.toException(status, body, node, operation, namespace);
    }

    String where() {
        return "node '" + node + "'";
    }

    private <T> HttpResponse<T> send(String operation, String namespace, HttpRequest request,
                                     HttpResponse.BodyHandler<T> handler) {
        try {
            return http.client.send(request, handler);
        } catch (IOException e) {
            throw unreachable(operation, namespace, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(operation, namespace, "interrupted", e);
        }
    }

    /** The node did not answer: names it, its URL and why (refused, timed out, TLS refused its certificate, ...). */
    ConntrackException unreachable(String operation, String namespace, IOException e) {
        String why = e instanceof HttpConnectTimeoutException ? "no connection within the connect timeout"
                : e instanceof HttpTimeoutException ? "no answer within the request timeout"
                : e instanceof ConnectException ? "connection refused or unreachable"
                : e instanceof SSLException ? "TLS failed (" + e.getMessage() + ")"
                : e.toString();
        return failure(operation, namespace, "node unreachable at " + base + ": " + why, e);
    }

    /** A failure of this node without an errno (it did not answer, or not as the API does). */
    ConntrackException failure(String operation, String namespace, String detail, Throwable cause) {
        return ConntrackException.failed(operation, detail).namespace(namespace).node(node).cause(cause).build();
    }

    private JsonNode parse(String operation, String namespace, String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(operation, namespace, "the node's answer is not JSON: " + abbreviate(text), null);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Takes this node's trust out of the shared client and lets go of it (the last node ends its threads). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            NodeHttp.release(http, base, trust);
        }
    }

    /** A JSON answer and its status. */
    record Answer(int status, JsonNode body) {
    }
}
