package io.jconntrack.impl.service;

/**
 * A {@link MessageLoop.Handler} that yields a result once the exchange is complete: what the channel returns for
 * one request.
 *
 * @param <R> the result
 */
interface Reply<R> extends MessageLoop.Handler {
    /** The result, asked once the handler said the exchange is complete. May throw the kernel's error. */
    R result();
}
