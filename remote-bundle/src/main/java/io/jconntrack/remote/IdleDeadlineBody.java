package io.jconntrack.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream that fails when the node sends nothing for {@code idle}: the JDK's
 * {@code ofInputStream} waits forever for a node that sent its headers and then hangs, and a read blocked in it
 * cannot be woken by closing it. Demand is one buffer list at a time, so a slow reader holds the node back through
 * TCP, not through memory.
 */
final class IdleDeadlineBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    /** Queued after the last buffers, or on failure. */
    private static final List<ByteBuffer> END = List.of();

    private final long idleNanos;
    private final BlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;
    private Iterator<ByteBuffer> buffers = java.util.Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;
    private volatile boolean closed;

    IdleDeadlineBody(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new IdleDeadlineBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        queue.add(END);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = next();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    /** A buffer with bytes left, waiting at most the idle time for the node; null at the end of the body. */
    private ByteBuffer next() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            if (ended) {
                return null;
            }
            List<ByteBuffer> item;
            try {
                item = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new java.io.InterruptedIOException("interrupted while reading the node's answer");
            }
            if (item == null) {
                close();
                throw new HttpTimeoutException("the node sent nothing for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos)
                        + " s");
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            if (item == END) {
                ended = true;
                if (failure != null) {
                    throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
                }
                return null;
            }
            buffers = item.iterator();
            subscription.request(1);
        }
        return current;
    }

    /**
     * Cancels the exchange (the client closes the connection, which ends the node's work for it) and wakes a reader
     * blocked in another thread, as a watchdog closing a silent stream expects.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            queue.add(END);
        }
    }
}
