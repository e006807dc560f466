package io.jconntrack.impl.netlink;

/**
 * A kernel message that does not parse: a length that runs past its container, an attribute of the wrong size.
 * The layers above turn it into their own error, naming the operation.
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
