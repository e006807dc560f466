package io.jconntrack.rest;

/** A request body beyond its limit: 413, and nothing of it is acted on past the point where the limit was found. */
final class BodyTooLarge extends RuntimeException {
    static final int STATUS = 413;

    BodyTooLarge(String what, long limit) {
        this("body: " + what + " is larger than " + limit + " bytes (" + LimitedInputStream.SETTING + ")");
    }

    private BodyTooLarge(String message) {
        super(message, null, false, false); // an answer, not a fault
    }

    /** The same refusal, saying that the first {@code applied} values of the array {@code many} were acted on. */
    BodyTooLarge after(int applied, String many) {
        return new BodyTooLarge(getMessage() + "; the first " + applied + " of " + many + " were applied before the "
                + "limit was reached, the rest not");
    }
}
