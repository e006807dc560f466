package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.CtnetlinkConstants.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decodes one ctnetlink conntrack message ({@code IPCTNL_MSG_CT_NEW} as sent in dumps, replies and events). */
public final class EntryDecoder {
    private EntryDecoder() {
    }

    /** Decodes the message the cursor is on: nfgenmsg, then the CTA_* attributes. */
    public static ConntrackEntry decode(MessageCursor m) throws MalformedMessageException {
        return decode(m, new AddressCache());
    }

    /** Decodes with an address cache kept across the messages of one dump or subscription. */
    public static ConntrackEntry decode(MessageCursor m, AddressCache cache) throws MalformedMessageException {
        if (m.payloadLength() < NfnetlinkConstants.NFGENMSG_SIZE) {
            throw new MalformedMessageException("conntrack message of " + m.payloadLength() + " bytes");
        }
        ByteBuffer buf = m.buffer();
        int familyNumber = Byte.toUnsignedInt(buf.get(m.payloadStart()));
        AddressFamily family = AddressFamily.fromNumber(familyNumber);
        if (family == null) {
            throw new MalformedMessageException("conntrack message of family " + familyNumber);
        }
        AttributeCursor a = new AttributeCursor(buf, m.payloadStart() + NfnetlinkConstants.NFGENMSG_SIZE, m.end());
        Tuple original = null;
        Tuple reply = null;
        int zone = -1;
        int origZone = -1;
        int replyZone = -1;
        long mark = 0;
        long status = 0;
        long timeout = ConntrackEntry.NO_TIMEOUT;
        long id = 0;
        long use = 0;
        String helper = null;
        Counters origCounters = null;
        Counters replyCounters = null;
        Instant start = null;
        Instant stop = null;
        List<Integer> labels = List.of();
        TcpState tcpState = null;
        SctpState sctpState = null;
        DccpState dccpState = null;
        long vtagOrig = 0;
        long vtagReply = 0;
        while (a.next()) {
            switch (a.type()) {
                case CTA_TUPLE_ORIG:
                    original = TupleCodec.decode(a, family, cache);
                    origZone = TupleCodec.zone(a);
                    break;
                case CTA_TUPLE_REPLY:
                    reply = TupleCodec.decode(a, family, cache);
                    replyZone = TupleCodec.zone(a);
                    break;
                case CTA_ZONE: zone = a.be16(); break;
                case CTA_MARK: mark = a.be32(); break;
                case CTA_STATUS: status = a.be32(); break;
                case CTA_TIMEOUT: timeout = a.be32(); break;
                case CTA_ID: id = a.be32(); break;
                case CTA_USE: use = a.be32(); break;
                case CTA_COUNTERS_ORIG: origCounters = counters(a); break;
                case CTA_COUNTERS_REPLY: replyCounters = counters(a); break;
                case CTA_LABELS: labels = labels(a); break;
                case CTA_HELP: helper = helper(a); break;
                case CTA_TIMESTAMP: {
                    AttributeCursor ts = a.nested();
                    while (ts.next()) {
                        if (ts.type() == CTA_TIMESTAMP_START) {
                            start = instant(ts.be64());
                        } else if (ts.type() == CTA_TIMESTAMP_STOP) {
                            stop = instant(ts.be64());
                        }
                    }
                    break;
                }
                case CTA_PROTOINFO: {
                    AttributeCursor pi = a.nested();
                    while (pi.next()) {
                        AttributeCursor info = pi.nested();
                        while (info.next()) {
                            if (pi.type() == CTA_PROTOINFO_TCP && info.type() == CTA_PROTOINFO_TCP_STATE) {
                                tcpState = TcpState.fromNumber(info.u8());
                            } else if (pi.type() == CTA_PROTOINFO_SCTP) {
                                if (info.type() == CTA_PROTOINFO_SCTP_STATE) {
                                    sctpState = SctpState.fromNumber(info.u8());
                                } else if (info.type() == CTA_PROTOINFO_SCTP_VTAG_ORIGINAL) {
                                    vtagOrig = info.be32();
                                } else if (info.type() == CTA_PROTOINFO_SCTP_VTAG_REPLY) {
                                    vtagReply = info.be32();
                                }
                            } else if (pi.type() == CTA_PROTOINFO_DCCP && info.type() == CTA_PROTOINFO_DCCP_STATE) {
                                dccpState = DccpState.fromNumber(info.u8());
                            }
                        }
                    }
                    break;
                }
                default:
                    break; // attributes this library does not model are skipped
            }
        }
        if (original == null) {
            throw new MalformedMessageException("conntrack message without CTA_TUPLE_ORIG");
        }
        // The kernel leaves the top-level CTA_ZONE out for the default zone and for a zone of one direction only,
        // which it puts in the tuples instead; the kernel's zone filters match such an entry by that id.
        if (zone < 0) {
            zone = origZone >= 0 ? origZone : Math.max(replyZone, 0);
        }
        try {
            ConntrackEntry.Builder b = ConntrackEntry.builder(original).reply(reply).zone(zone).mark(mark)
                    .statusBits(status).timeout(timeout).id(id).use(use).helper(helper)
                    .counters(origCounters, replyCounters).timestamps(start, stop).labels(labels)
                    .sctpVtags(vtagOrig, vtagReply);
            // A protocol-state attribute of another protocol is inconsistent; it is dropped rather than trusted.
            String proto = original.protocol().name();
            b.tcpState("tcp".equals(proto) ? tcpState : null);
            b.sctpState("sctp".equals(proto) ? sctpState : null);
            b.dccpState("dccp".equals(proto) ? dccpState : null);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("inconsistent entry: " + e.getMessage());
        }
    }

    private static Counters counters(AttributeCursor a) throws MalformedMessageException {
        long packets = 0;
        long bytes = 0;
        AttributeCursor c = a.nested();
        while (c.next()) {
            switch (c.type()) {
                case CTA_COUNTERS_PACKETS: packets = c.be64(); break;
                case CTA_COUNTERS_BYTES: bytes = c.be64(); break;
                case CTA_COUNTERS32_PACKETS: packets = c.be32(); break;
                case CTA_COUNTERS32_BYTES: bytes = c.be32(); break;
                default: break;
            }
        }
        return new Counters(packets, bytes);
    }

    /** The label map is the kernel's array of host-order longs; read it as host-order 32-bit words. */
    private static List<Integer> labels(AttributeCursor a) throws MalformedMessageException {
        if (a.payloadLength() > NF_CT_LABELS_MAX_SIZE || a.payloadLength() % 4 != 0) {
            throw new MalformedMessageException("CTA_LABELS of " + a.payloadLength() + " bytes");
        }
        ByteBuffer words = ByteBuffer.wrap(a.bytes()).order(ByteOrder.nativeOrder());
        List<Integer> bits = new ArrayList<>();
        for (int w = 0; w < a.payloadLength() / 4; w++) {
            int word = words.getInt(w * 4);
            for (int bit = 0; bit < 32; bit++) {
                if ((word & (1 << bit)) != 0) {
                    bits.add(w * 32 + bit);
                }
            }
        }
        return bits;
    }

    private static String helper(AttributeCursor a) throws MalformedMessageException {
        AttributeCursor h = a.nested();
        while (h.next()) {
            if (h.type() == CTA_HELP_NAME) {
                return h.string();
            }
        }
        return null;
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L),
                Long.remainderUnsigned(nanos, 1_000_000_000L));
    }
}
