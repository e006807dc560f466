package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_CTRZERO;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_FILTERED;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLM_F_DUMP_INTR;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.ctnetlink.AddressCache;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkError;
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
        DumpReply reply = new DumpReply(filter, trustKernel, action, netns, zeroCounters ? CT_GET_CTRZERO : CT_NEW);
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
        DumpReply reply = new DumpReply(filter, false, action, netns, ctnetlinkType(msg));
        MessageLoop.run(socket, seq, seq, reply);
        return reply.result();
    }

    /** Decodes, rechecks and hands out the entries of one dump, counting them. */
    private static final class DumpReply implements Reply<Outcome> {
        private final ConntrackFilter filter;
        private final boolean trustKernel;
        private final Consumer<? super ConntrackEntry> action;
        private final String netns;
        /** The type the kernel answers with besides IPCTNL_MSG_CT_NEW: the request's own for some dumps. */
        private final int requestType;
        private final AddressCache addresses = new AddressCache();
        private long count;
        private boolean interrupted;

        DumpReply(ConntrackFilter filter, boolean trustKernel, Consumer<? super ConntrackEntry> action,
                  String netns, int requestType) {
            this.requestType = requestType;
            this.filter = filter;
            this.trustKernel = trustKernel;
            this.action = action;
            this.netns = netns;
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
            if ((m.flags() & NLM_F_DUMP_INTR) != 0) {
                interrupted = true;
            }
            // Entries come as IPCTNL_MSG_CT_NEW, or with the request's own type (counter-zeroing, dying, unconfirmed).
            if (m.type() != CT_NEW && m.type() != requestType) {
                return;
            }
            if (trustKernel && (m.flags() & NLM_F_DUMP_FILTERED) != 0) {
                count++;
                return;
            }
            ConntrackEntry e = EntryCodec.decode(m, addresses);
            if (filter.matches(e)) {
                count++;
                if (action != null) {
                    action.accept(e);
                }
            }
        }

        @Override
        public boolean onError(NetlinkError error) {
            if (error.isAck()) {
                return false;
            }
            throw Failures.kernel("dump", error.errno(), error.message(), netns, null);
        }

        @Override
        public boolean onDone(int error, int flags) {
            if ((flags & NLM_F_DUMP_INTR) != 0) {
                interrupted = true;
            }
            if (error != 0) {
                throw Failures.kernel("dump", error, null, netns, null);
            }
            return true;
        }

        @Override
        public Outcome result() {
            return new Outcome(count, interrupted);
        }
    }
}
