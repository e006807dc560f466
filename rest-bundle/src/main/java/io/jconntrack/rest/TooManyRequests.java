package io.jconntrack.rest;

/**
 * A client asked for more than its share (streams, login attempts): answered 429 with {@code Retry-After} when a
 * wait is known, so that it backs off instead of retrying at once.
 */
final class TooManyRequests extends RuntimeException {
    static final int STATUS = 429;
    private final long retryAfterSeconds;

    TooManyRequests(String message, long retryAfterSeconds) {
        super(message, null, false, false); // an answer, not a fault: no stack trace to fill or log
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds to wait, 0 when unknown (a stream frees its slot when it ends). */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
