package io.jconntrack.impl.netlink;

/**
 * A kernel message that does not parse: a length that runs past its container, an attribute of the wrong size.
 * Turned into a {@link io.jconntrack.api.ConntrackException} by the service, which knows the operation.
 */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
