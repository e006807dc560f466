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
        return errno(operation, e.errno(), Errno.text(e.errno()) + " in " + e.call()).namespace(netns).tuple(tuple)
                .cause(e).build();
    }

    /** A failure with an errno of ours (its name from the kernel headers) and the text that explains it here. */
    static ConntrackException.Builder errno(String operation, int errno, String text) {
        return ConntrackException.kernel(operation, errno, Errno.name(errno), text);
    }

    /** A failure to reach a namespace ({@code null}: the own), where ENOENT means that it does not exist. */
    static ConntrackException reaching(String operation, NetlinkIOException e, String netns) {
        if (netns != null && e.errno() == Errno.ENOENT) {
            return errno(operation, e.errno(), "network namespace '" + netns + "' does not exist").namespace(netns)
                    .cause(e).build();
        }
        return of(operation, e, netns, null);
    }

    static ConntrackException kernel(String operation, int errno, String kernelMessage, String netns, Tuple tuple) {
        return errno(operation, errno, Errno.text(errno)).kernelMessage(kernelMessage).namespace(netns).tuple(tuple)
                .build();
    }

    static ConntrackException malformed(String operation, MalformedMessageException e, String netns) {
        return ConntrackException.failed(operation, "malformed kernel message: " + e.getMessage()).namespace(netns)
                .cause(e).build();
    }

    /** {@code NLM_F_DUMP_INTR}: the table changed during a dump; {@code advice} says what the caller may do. */
    static ConntrackException dumpInterrupted(String operation, String advice, String netns) {
        return ConntrackException.kernel(operation, ConntrackException.NO_ERRNO, "NLM_F_DUMP_INTR",
                "the table changed while it was dumped; " + advice).namespace(netns).build();
    }
}
