package io.jconntrack.impl.service;

import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;

/** The reply to one acknowledged request whose caller decides what an error means: the errno and message. */
final class OutcomeReply implements Reply<OutcomeReply.Outcome> {
    /** errno 0 for success, with the kernel's extended-ack message when it sent one. */
    record Outcome(int errno, String message) {
        boolean succeeded() {
            return errno == 0;
        }
    }

    private Outcome outcome;

    @Override
    public void onMessage(MessageCursor m) {
        // the requests answered this way have no data replies
    }

    @Override
    public boolean onError(NetlinkError error) {
        outcome = new Outcome(error.errno(), error.message());
        return true;
    }

    @Override
    public boolean onDone(int error, int flags) {
        return false;
    }

    @Override
    public Outcome result() {
        return outcome;
    }
}
