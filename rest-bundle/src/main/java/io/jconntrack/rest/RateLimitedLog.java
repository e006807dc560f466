package io.jconntrack.rest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Lets through at most one line per interval for one kind of event and counts the others, which the next line
 * reports: a client repeating a failing request cannot flood the log, and the log still says how often it happened.
 */
final class RateLimitedLog {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /**
     * Calls {@code log} with the number of lines suppressed since the last one, or counts this line as suppressed.
     *
     * @return whether the line was logged
     */
    boolean log(Consumer<Long> log) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        log.accept(suppressed.getAndSet(0));
        return true;
    }

    /** " (N similar lines suppressed)" when N > 0, for the end of a line. */
    static String suppressedNote(long n) {
        return n == 0 ? "" : " (" + n + " similar suppressed)";
    }
}
