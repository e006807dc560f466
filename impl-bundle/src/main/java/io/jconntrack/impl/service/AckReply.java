package io.jconntrack.impl.service;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;

/**
 * The reply to a request answered by an acknowledgement or by the end of a dump: data messages are handed to
 * {@link #onMessage} (ignored unless a subclass looks at them), an error fails the operation with the kernel's errno
 * and message, the acknowledgement or {@code NLMSG_DONE} ends it.
 *
 * @param <R> what a subclass collects from the data messages; {@code Void} for a plain acknowledgement
 */
class AckReply<R> implements Reply<R> {
    private final String operation;
    private final String netns;

    AckReply(String operation, String netns) {
        this.operation = operation;
        this.netns = netns;
    }

    @Override
    public void onMessage(MessageCursor m) throws MalformedMessageException {
    }

    @Override
    public boolean onError(NetlinkError error) {
        if (error.isAck()) {
            return true;
        }
        throw Failures.kernel(operation, error.errno(), error.message(), netns, null);
    }

    @Override
    public boolean onDone(int error, int flags) {
        if (error != 0) {
            throw Failures.kernel(operation, error, null, netns, null);
        }
        return true;
    }

    @Override
    public R result() {
        return null;
    }
}
