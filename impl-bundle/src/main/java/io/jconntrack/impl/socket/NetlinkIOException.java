package io.jconntrack.impl.socket;

/** A failed system call on a netlink socket or namespace file, with its errno. */
public final class NetlinkIOException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String call;

    public NetlinkIOException(String call, int errno) {
        super(call + ": " + Errno.name(errno) + " (" + Errno.text(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public String call() {
        return call;
    }
}
