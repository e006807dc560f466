package io.jconntrack.bench;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_ERROR;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.KernelFeatures;
import io.jconntrack.impl.service.KernelFilter;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.nio.ByteBuffer;

/**
 * The kernel's limit for a full dump as seen from Java: the same request as the service's, the same 64 KiB native
 * receive buffer, each datagram's message headers walked to count entries, nothing decoded or copied. What the
 * service spends above this is decoding and hand-off.
 */
final class RawDump {
    private static final int CT_NEW = ctnetlinkType(IPCTNL_MSG_CT_NEW);

    private RawDump() {
    }

    /** Entries the kernel sent for a full dump, and the time from the request to NLMSG_DONE. */
    record Outcome(long entries, double seconds) {
    }

    /** Dumps the whole table of the namespace on a fresh socket (opening it is not timed). */
    static Outcome run(String netns) throws NetlinkIOException, MalformedMessageException {
        try (NetlinkSocket socket = NetworkNamespace.of(netns).openSocket(
                ConntrackOptions.DEFAULT_RECEIVE_BUFFER_SIZE, ConntrackOptions.DEFAULT_TIMEOUT_MILLIS)) {
            long start = System.nanoTime();
            MessageWriter w = new MessageWriter(256);
            int seq = socket.nextSeq();
            Requests.dump(w, seq, Requests.UNACKED,
                    KernelFilter.forDump(ConntrackFilter.ALL, KernelFeatures.running(true)).selection());
            socket.send(w.buffer(), w.length());
            long entries = 0;
            while (true) {
                ByteBuffer buf = socket.receive();
                MessageCursor m = new MessageCursor(buf);
                while (m.next()) {
                    if (m.seq() != seq) {
                        continue;
                    }
                    if (m.type() == CT_NEW) {
                        entries++;
                    } else if (m.type() == NLMSG_DONE) {
                        return new Outcome(entries, (System.nanoTime() - start) / 1e9);
                    } else if (m.type() == NLMSG_ERROR) {
                        throw new IllegalStateException("dump failed: NLMSG_ERROR from the kernel");
                    }
                }
            }
        }
    }
}
