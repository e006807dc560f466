package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_CTRZERO;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_FILTERED;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.function.Consumer;

/**
 * One conntrack table dump on one socket: the filter goes to the kernel where it can apply it, and every entry is
 * checked again in Java, so the result does not depend on the kernel version.
 */
final class Dump {
    /** What a dump found. */
    record Outcome(long count, boolean interrupted) {
    }

    private static final int CT_NEW = ctnetlinkType(IPCTNL_MSG_CT_NEW);
    private static final int CT_GET_CTRZERO = ctnetlinkType(IPCTNL_MSG_CT_GET_CTRZERO);
    private static final int REQUEST_CAPACITY = 256;
    /**
     * Whether long dumps are received on a helper thread ({@link ReceiveAhead}): only when there is a second CPU to
     * overlap with; {@code -Djconntrack.dumpReceiveAhead=false|true} overrides (for measurements).
     */
    static final boolean RECEIVE_AHEAD = Boolean.parseBoolean(System.getProperty("jconntrack.dumpReceiveAhead",
            Boolean.toString(Runtime.getRuntime().availableProcessors() > 1)));

    private Dump() {
    }

    /**
     * @param countOnly when true and the kernel confirms it applied the whole filter ({@code NLM_F_DUMP_FILTERED}),
     *     entries are counted without being decoded
     */
    static Outcome run(NetlinkSocket socket, ConntrackFilter filter, KernelFilter kernelFilter, boolean countOnly,
                       Consumer<? super ConntrackEntry> action, String netns)
            throws NetlinkIOException, MalformedMessageException {
        return run(socket, filter, kernelFilter, countOnly, false, action, netns);
    }

    /** @param zeroCounters whether the kernel zeroes the counters of the entries it reports */
    static Outcome run(NetlinkSocket socket, ConntrackFilter filter, KernelFilter kernelFilter, boolean countOnly,
                       boolean zeroCounters, Consumer<? super ConntrackEntry> action, String netns)
            throws NetlinkIOException, MalformedMessageException {
        MessageWriter w = new MessageWriter(REQUEST_CAPACITY);
        int seq = socket.nextSeq();
        Requests.dump(w, seq, Requests.UNACKED, kernelFilter.selection(), zeroCounters);
        socket.send(w.buffer(), w.length());
        boolean trustKernel = countOnly && kernelFilter.complete();
        DumpReply<ConntrackEntry> reply = entries(filter, trustKernel, action, netns,
                zeroCounters ? CT_GET_CTRZERO : CT_NEW);
        // A dump that fits one datagram is read inline; a longer one is received ahead on a helper thread unless
        // the kernel's filtered flag spares the decoding (then there is nothing to overlap with the kernel's work).
        if (!MessageLoop.dispatch(socket.receive(), seq, seq, reply)) {
            if (trustKernel || !RECEIVE_AHEAD) {
                MessageLoop.run(socket, seq, seq, reply);
            } else {
                ReceiveAhead.run(socket, seq, reply);
            }
        }
        return reply.result();
    }

    /**
     * A dump of what {@code kernelFilter} selects, every message handed to {@code reply} as it is (no entry decoded
     * unless the reply decodes it), read inline: for replies whose reading is cheaper than the kernel's walk, so
     * there is nothing to overlap with a helper thread.
     */
    static <R> R run(NetlinkSocket socket, KernelFilter kernelFilter, Reply<R> reply)
            throws NetlinkIOException, MalformedMessageException {
        MessageWriter w = new MessageWriter(REQUEST_CAPACITY);
        int seq = socket.nextSeq();
        Requests.dump(w, seq, Requests.UNACKED, kernelFilter.selection());
        socket.send(w.buffer(), w.length());
        MessageLoop.run(socket, seq, seq, reply);
        return reply.result();
    }

    /**
     * Dumps the dying or unconfirmed list ({@code IPCTNL_MSG_CT_GET_DYING}/{@code _UNCONFIRMED}); the kernel does not
     * filter these, so every entry is checked in Java. They are short lists: read inline.
     */
    static Outcome runList(NetlinkSocket socket, int msg, ConntrackFilter filter,
                           Consumer<? super ConntrackEntry> action, String netns)
            throws NetlinkIOException, MalformedMessageException {
        MessageWriter w = new MessageWriter(REQUEST_CAPACITY);
        int seq = socket.nextSeq();
        Requests.dumpList(w, seq, Requests.UNACKED, msg);
        socket.send(w.buffer(), w.length());
        DumpReply<ConntrackEntry> reply = entries(filter, false, action, netns, ctnetlinkType(msg));
        MessageLoop.run(socket, seq, seq, reply);
        return reply.result();
    }

    /** Entries come as IPCTNL_MSG_CT_NEW, or with the request's own type (counter-zeroing, dying, unconfirmed). */
    private static DumpReply<ConntrackEntry> entries(ConntrackFilter filter, boolean trustKernel,
                                                     Consumer<? super ConntrackEntry> action, String netns,
                                                     int requestType) {
        return new DumpReply<>("dump", type -> type == CT_NEW || type == requestType, EntryCodec::decode,
                filter::matches, trustKernel, action, netns);
    }
}
