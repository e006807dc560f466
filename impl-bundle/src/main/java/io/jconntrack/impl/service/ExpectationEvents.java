package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.expectType;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.ExpectationCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.Set;

/**
 * Expectation events: the {@code NFNLGRP_CONNTRACK_EXP_*} groups; few (one per helper command), so selected in Java
 * without a socket filter.
 */
final class ExpectationEvents implements EventKind<ExpectationEvent> {
    private static final int EXP_NEW = expectType(IPCTNL_MSG_EXP_NEW);
    private static final int EXP_DELETE = expectType(IPCTNL_MSG_EXP_DELETE);

    private final Set<EventType> types;
    private final ExpectationFilter filter;
    private final ExpectationListener listener;

    ExpectationEvents(Set<EventType> types, ExpectationFilter filter, ExpectationListener listener) {
        this.types = Set.copyOf(types);
        this.filter = filter;
        this.listener = listener;
    }

    @Override
    public String operation() {
        return "expectation events";
    }

    @Override
    public String threadName() {
        return "jconntrack-expect-events";
    }

    @Override
    public void join(NetlinkSocket socket) throws NetlinkIOException {
        if (types.contains(EventType.NEW)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_EXP_NEW);
        }
        if (types.contains(EventType.UPDATE)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_EXP_UPDATE);
        }
        if (types.contains(EventType.DESTROY)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_EXP_DESTROY);
        }
    }

    @Override
    public ExpectationEvent decode(MessageCursor m, AddressCache addresses) throws MalformedMessageException {
        EventType type;
        if (m.type() == EXP_DELETE) {
            type = EventType.DESTROY;
        } else if (m.type() == EXP_NEW) {
            type = EventType.NEW;
        } else {
            return null;
        }
        return new ExpectationEvent(type, ExpectationCodec.decode(m, addresses), m.pid());
    }

    @Override
    public boolean wanted(ExpectationEvent event) {
        return types.contains(event.type()) && filter.matches(event.expectation());
    }

    @Override
    public void onEvent(ExpectationEvent event) {
        listener.onEvent(event);
    }

    @Override
    public void onOverflow(long overflows) {
        listener.onOverflow(overflows);
    }

    @Override
    public void onError(ConntrackException error) {
        listener.onError(error);
    }
}
