package io.jconntrack.rest;

import io.jconntrack.json.ErrorBody;
import io.jconntrack.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.regex.Pattern;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of CXF, for what must hold before any resource runs: a {@code Host} header CXF can build a URI from (a
 * malformed one made it fail with a stack trace), a body no larger than {@code maxBodyBytes} (announced or not: 413),
 * and no failure escaping to Jetty, which would answer with its HTML page and log a WARN with the stack per request.
 * Every answer given here is the agent's JSON error body.
 */
final class RequestGuard implements Filter {
    /** A host name, an IPv4 address or a bracketed IPv6 literal, and an optional port (RFC 7230, 5.4). */
    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9._~-]{1,32})?\\]|[A-Za-z0-9._~-]{1,253})(:[0-9]{1,5})?");
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    /** Request attribute: the answer is a stream that must stop when its client is gone ({@link #streaming}). */
    private static final String STREAMING = RequestGuard.class.getName() + ".streaming";
    /** Request attribute: what the request holds, closed when it ends (unless it went asynchronous). */
    private static final String HELD = RequestGuard.class.getName() + ".held";

    private final long maxBodyBytes;
    private final RateLimitedLog failures = new RateLimitedLog(10_000);

    RequestGuard(long maxBodyBytes) {
        if (maxBodyBytes < Bodies.MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException(LimitedInputStream.SETTING + ": " + maxBodyBytes + " is below "
                    + Bodies.MAX_OBJECT_BYTES);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        int hosts = Collections.list(request.getHeaders("Host")).size();
        String host = request.getHeader("Host");
        if (hosts > 1 || host != null && !HOST.matcher(host).matches()) {
            answer(response, 400, ErrorBody.BAD_REQUEST, "Host: " + (hosts > 1 ? "given " + hosts + " times"
                    : "malformed header"));
            return;
        }
        String charset = request.getCharacterEncoding();
        if (charset != null && !isSupported(charset)) {
            // CXF would fail later with a 500 and a WARN of its own per request.
            answer(response, 415, "unsupported-media-type", "Content-Type: charset '"
                    + BasicAuthFilter.shown(charset) + "' is not supported; send UTF-8");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            answer(response, BodyTooLarge.STATUS, "too-large", new BodyTooLarge(
                    "of " + request.getContentLengthLong() + " bytes", maxBodyBytes).getMessage());
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBodyBytes), new OnceBroken(response, request));
            release(request);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            release(request);
            if (isClientGone(e)) {
                return; // the client closed its connection: nobody to answer, nothing to log
            }
            failures.log(suppressed -> LOG.warn("REST agent: request {} {} failed{}", request.getMethod(),
                    request.getRequestURI(), RateLimitedLog.suppressedNote(suppressed), e));
            if (!response.isCommitted()) {
                response.reset();
                answer(response, 500, "internal", "internal error; the agent's log has the details");
            }
        }
    }

    /**
     * Has {@code held} closed when the request ends, whatever happens in between (its own code closes it earlier
     * when all goes well): a slot held past its request's end would be lost for good.
     */
    static void releaseAtEnd(HttpServletRequest request, AutoCloseable held) {
        @SuppressWarnings("unchecked")
        java.util.List<AutoCloseable> list = (java.util.List<AutoCloseable>) request.getAttribute(HELD);
        if (list == null) {
            list = new java.util.ArrayList<>();
            request.setAttribute(HELD, list);
        }
        list.add(held);
    }

    /** Marks the request's answer as a stream, to be told when its client is gone (it stops its dump then). */
    static void streaming(HttpServletRequest request) {
        request.setAttribute(STREAMING, Boolean.TRUE);
    }

    private static void release(HttpServletRequest request) {
        if (request.isAsyncStarted()) {
            return; // an event stream: its own end releases what it holds
        }
        @SuppressWarnings("unchecked")
        java.util.List<AutoCloseable> list = (java.util.List<AutoCloseable>) request.getAttribute(HELD);
        if (list != null) {
            request.removeAttribute(HELD);
            for (AutoCloseable held : list) {
                try {
                    held.close();
                } catch (Exception e) {
                    LOG.debug("releasing {} at the end of a request", held, e);
                }
            }
        }
    }

    private static boolean isSupported(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset.trim());
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    private static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return true;
            }
        }
        return false;
    }

    static void answer(HttpServletResponse response, int status, String error, String message) throws IOException {
        byte[] body = Json.text(ErrorBody.of(status, error, message)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The response whose output, once a write failed (the client went away, or its idle timeout expired while it
     * read nothing), takes every further write, flush and close silently (a stream is told of the first failure, to
     * stop its dump): CXF's own writes, flush and close find nothing to report. Without this, each
     * abandoned list stream logged about 16 KB of stack traces, which any viewer could repeat at will.
     */
    private static final class OnceBroken extends javax.servlet.http.HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private javax.servlet.ServletOutputStream out;

        OnceBroken(HttpServletResponse response, HttpServletRequest request) {
            super(response);
            this.request = request;
        }

        /** A stream ({@link #streaming}) is told of the failure to end its dump; other answers end silently. */
        private void failed(IOException e) throws IOException {
            if (request.getAttribute(STREAMING) != null) {
                throw e;
            }
        }

        @Override
        public synchronized javax.servlet.ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                javax.servlet.ServletOutputStream raw = super.getOutputStream();
                out = new javax.servlet.ServletOutputStream() {
                    private boolean broken;

                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (!broken) {
                            try {
                                raw.write(b, off, len);
                            } catch (IOException e) {
                                broken = true;
                                failed(e);
                            }
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!broken) {
                            try {
                                raw.flush();
                            } catch (IOException e) {
                                broken = true;
                                failed(e);
                            }
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        if (!broken) {
                            try {
                                raw.close();
                            } catch (IOException e) {
                                broken = true; // closing a stream to a client that is gone: nothing to tell
                            }
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setWriteListener(javax.servlet.WriteListener listener) {
                        raw.setWriteListener(listener);
                    }
                };
            }
            return out;
        }
    }

    /** The request whose body reads fail with {@link BodyTooLarge} past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream in;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                ServletInputStream raw = super.getInputStream();
                LimitedInputStream limited = new LimitedInputStream(raw, limit, "the request");
                in = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return limited.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return limited.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        raw.setReadListener(listener);
                    }
                };
            }
            return in;
        }
    }
}
