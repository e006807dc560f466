package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.EventFilterProgram;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.SocketFilter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.List;

/**
 * Entry events: the {@code NFNLGRP_CONNTRACK_*} groups, a kernel socket filter for what it can decide, NEW and
 * UPDATE told apart by {@code NLM_F_CREATE}.
 */
final class EntryEvents implements EventKind<ConntrackEvent> {
    private static final int CT_NEW = ctnetlinkType(IPCTNL_MSG_CT_NEW);
    private static final int CT_DELETE = ctnetlinkType(IPCTNL_MSG_CT_DELETE);

    private final EventFilter filter;
    private final ConntrackListener listener;

    EntryEvents(EventFilter filter, ConntrackListener listener) {
        this.filter = filter;
        this.listener = listener;
    }

    @Override
    public String operation() {
        return "events";
    }

    @Override
    public String threadName() {
        return "jconntrack-events";
    }

    @Override
    public void join(NetlinkSocket socket) throws NetlinkIOException {
        if (filter.types().contains(EventType.NEW)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_NEW);
        }
        if (filter.types().contains(EventType.UPDATE)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_UPDATE);
        }
        if (filter.types().contains(EventType.DESTROY)) {
            socket.joinGroup(NFNLGRP_CONNTRACK_DESTROY);
        }
        List<SocketFilter.Instruction> program = EventFilterProgram.forSelection(filter.selection());
        if (program != null) {
            socket.attachFilter(program);
        }
    }

    @Override
    public ConntrackEvent decode(MessageCursor m, AddressCache addresses) throws MalformedMessageException {
        EventType type;
        if (m.type() == CT_DELETE) {
            type = EventType.DESTROY;
        } else if (m.type() == CT_NEW) {
            type = (m.flags() & NLM_F_CREATE) != 0 ? EventType.NEW : EventType.UPDATE;
        } else {
            return null;
        }
        return new ConntrackEvent(type, EntryCodec.decode(m, addresses), m.pid());
    }

    @Override
    public boolean wanted(ConntrackEvent event) {
        return filter.matches(event);
    }

    @Override
    public void onEvent(ConntrackEvent event) {
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
