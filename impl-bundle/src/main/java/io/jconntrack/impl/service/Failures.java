package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;

/** Turns transport and decoding failures into {@link ConntrackException}s that name the operation. */
final class Failures {
    private Failures() {
    }

    static ConntrackException of(String operation, NetlinkIOException e, String netns, Tuple tuple) {
        return new ConntrackException(operation, e.errno(), Errno.name(e.errno()),
                Errno.text(e.errno()) + " in " + e.call(), null, netns, tuple, e);
    }

    /** A failure to reach a namespace ({@code null}: the own), where ENOENT means that it does not exist. */
    static ConntrackException reaching(String operation, NetlinkIOException e, String netns) {
        if (netns != null && e.errno() == Errno.ENOENT) {
            return new ConntrackException(operation, e.errno(), "ENOENT",
                    "network namespace '" + netns + "' does not exist", null, netns, null, e);
        }
        return of(operation, e, netns, null);
    }

    static ConntrackException kernel(String operation, int errno, String kernelMessage, String netns, Tuple tuple) {
        return new ConntrackException(operation, errno, Errno.name(errno), Errno.text(errno), kernelMessage, netns,
                tuple, null);
    }

    static ConntrackException malformed(String operation, MalformedMessageException e, String netns) {
        return new ConntrackException(operation, ConntrackException.NO_ERRNO, null,
                "malformed kernel message: " + e.getMessage(), null, netns, null, e);
    }
}
