package io.jconntrack.rest;

/** A request body beyond its limit: 413, and nothing of it is acted on past the point where the limit was found. */
final class BodyTooLarge extends RuntimeException {
    static final int STATUS = 413;

    BodyTooLarge(String what, long limit) {
        super("body: " + what + " is larger than " + limit + " bytes (" + LimitedInputStream.SETTING + ")", null,
                false, false);
    }
}
