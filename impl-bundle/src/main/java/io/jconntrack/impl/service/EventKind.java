package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_DELETE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_DESTROY;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_EXP_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.NFNLGRP_CONNTRACK_UPDATE;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.expectType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_CREATE;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.EventFilterProgram;
import io.jconntrack.impl.ctnetlink.ExpectationCodec;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.SocketFilter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one kernel subsystem's events (entries, expectations) need of an {@link EventSubscription}: the groups to
 * join, the message types of its events, their decoder, which events the subscriber wants and its listener.
 * Receiving, the hand-off, buffer growth, loss in stream order and the subscription's end are the subscription's,
 * the same for every kind: a new table is a new kind, not a new loop.
 *
 * @param <E> the event type delivered
 */
final class EventKind<E> {
    /** Builds the event of one message of a known type. */
    interface Decoder<E> {
        E decode(EventType type, MessageCursor m, AddressCache addresses) throws MalformedMessageException;
    }

    private final String operation;
    private final String threadName;
    private final Map<EventType, Integer> groups;
    private final Set<EventType> types;
    private final List<SocketFilter.Instruction> program;
    private final int newType;
    private final int deleteType;
    private final Decoder<E> decoder;
    private final Predicate<? super E> selection;
    private final EventListener<? super E> listener;

    private EventKind(String operation, String threadName, Map<EventType, Integer> groups, Set<EventType> types,
                      List<SocketFilter.Instruction> program, int newType, int deleteType, Decoder<E> decoder,
                      Predicate<? super E> selection, EventListener<? super E> listener) {
        this.operation = operation;
        this.threadName = threadName;
        this.groups = groups;
        this.types = Set.copyOf(types);
        this.program = program;
        this.newType = newType;
        this.deleteType = deleteType;
        this.decoder = decoder;
        this.selection = selection;
        this.listener = listener;
    }

    /** Entry events: a kernel socket filter for what it can decide of the selection, the rest in Java. */
    static EventKind<ConntrackEvent> entries(EventFilter filter, EventListener<? super ConntrackEvent> listener) {
        return new EventKind<>("events", "jconntrack-events",
                Map.of(EventType.NEW, NFNLGRP_CONNTRACK_NEW, EventType.UPDATE, NFNLGRP_CONNTRACK_UPDATE,
                        EventType.DESTROY, NFNLGRP_CONNTRACK_DESTROY),
                filter.types(), EventFilterProgram.forSelection(filter.selection()),
                ctnetlinkType(IPCTNL_MSG_CT_NEW), ctnetlinkType(IPCTNL_MSG_CT_DELETE),
                (type, m, a) -> new ConntrackEvent(type, EntryCodec.decode(m, a), m.pid()),
                filter::matches, listener);
    }

    /** Expectation events: few (one per helper command), so selected in Java without a socket filter. */
    static EventKind<ExpectationEvent> expectations(Set<EventType> types, ExpectationFilter filter,
                                                    EventListener<? super ExpectationEvent> listener) {
        return new EventKind<>("expectation events", "jconntrack-expect-events",
                Map.of(EventType.NEW, NFNLGRP_CONNTRACK_EXP_NEW, EventType.UPDATE, NFNLGRP_CONNTRACK_EXP_UPDATE,
                        EventType.DESTROY, NFNLGRP_CONNTRACK_EXP_DESTROY),
                types, null, expectType(IPCTNL_MSG_EXP_NEW), expectType(IPCTNL_MSG_EXP_DELETE),
                (type, m, a) -> new ExpectationEvent(type, ExpectationCodec.decode(m, a), m.pid()),
                e -> types.contains(e.type()) && filter.matches(e.expectation()), listener);
    }

    /** The operation named in failures ({@code events}, {@code expectation events}). */
    String operation() {
        return operation;
    }

    /** The start of the subscription's thread names. */
    String threadName() {
        return threadName;
    }

    /** Joins the multicast groups of the wanted event types, and attaches a socket filter where there is one. */
    void join(NetlinkSocket socket) throws NetlinkIOException {
        for (EventType type : EventType.values()) {
            if (types.contains(type)) {
                socket.joinGroup(groups.get(type));
            }
        }
        if (program != null) {
            socket.attachFilter(program);
        }
    }

    /**
     * The event of one message, or {@code null} when the message is not one of this kind's events. A NEW message
     * is a NEW event when it carries {@code NLM_F_CREATE} and an UPDATE otherwise (ctnetlink_conntrack_event;
     * ctnetlink_expect_event sets it on every expectation NEW).
     */
    E decode(MessageCursor m, AddressCache addresses) throws MalformedMessageException {
        EventType type;
        if (m.type() == deleteType) {
            type = EventType.DESTROY;
        } else if (m.type() == newType) {
            type = (m.flags() & NLM_F_CREATE) != 0 ? EventType.NEW : EventType.UPDATE;
        } else {
            return null;
        }
        return decoder.decode(type, m, addresses);
    }

    /** Whether the subscriber wants this event (what the kernel's groups and filter could not decide). */
    boolean wanted(E event) {
        return selection.test(event);
    }

    EventListener<? super E> listener() {
        return listener;
    }
}
