package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkError;

/** The reply to {@code IPCTNL_MSG_CT_GET} of one entry: the entry, or the errno that says why there is none. */
final class GetReply implements Reply<GetReply.Found> {
    /** The entry (null when none came) and the request's errno. */
    record Found(ConntrackEntry entry, int errno, String message) {
    }

    private ConntrackEntry entry;
    private int errno;
    private String message;

    @Override
    public void onMessage(MessageCursor m) throws MalformedMessageException {
        if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_NEW)) {
            entry = EntryCodec.decode(m);
        }
    }

    @Override
    public boolean onError(NetlinkError error) {
        errno = error.errno();
        message = error.message();
        return true;
    }

    @Override
    public boolean onDone(int error, int flags) {
        return false;
    }

    @Override
    public Found result() {
        return new Found(entry, errno, message);
    }
}
