package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.shell.format.SaveFormat;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry of create and add ({@code -I}, {@code -A}), and the tuple of get ({@code -G}): original tuple, reply
 * tuple or both, NAT, zone and its direction, mark, status, timeout, protocol state, labels.
 */
final class EntryBuilder {
    /** The tool's TCP state names ({@code tcp_states}), LISTEN being the old name of SYN_SENT2. */
    private static final String LISTEN = "LISTEN";
    private static final String ROLE_CLIENT = "client";
    private static final String ROLE_SERVER = "server";

    private EntryBuilder() {
    }

    static ConntrackEntry build(ToolRequest r) {
        ToolArgs a = r.args();
        Tuple orig = a.has(SRC) && a.has(DST) ? tuple(r, a.get(SRC), a.get(DST), false) : null;
        Tuple reply = a.has(REPLY_SRC) && a.has(REPLY_DST) ? replyTuple(r, orig) : null;
        try {
            ConntrackEntry.Builder b = orig == null ? ConntrackEntry.fromReply(reply)
                    : ConntrackEntry.builder(orig).reply(reply);
            zone(a, b);
            if (a.has(MARK)) {
                b.mark(ToolValues.mark("--mark", a.get(MARK))[0]);
            }
            if (a.has(STATUS)) {
                b.status(ToolValues.status("--status", a.get(STATUS)).set());
            }
            b.timeout(CNumbers.range("--timeout", a.get(TIMEOUT), 0, ToolValues.MAX_U32));
            state(r, b);
            if (a.has(LABEL_ADD)) {
                Set<Integer> bits = new TreeSet<>();
                for (String l : a.labels(LABEL_ADD)) {
                    bits.addAll(LabelBits.parse("--label-add", l));
                }
                b.labels(bits);
            }
            if (a.get(SRC_NAT) != null) {
                b.sourceNat(ToolValues.nat("--src-nat", a.get(SRC_NAT)));
            }
            if (a.get(DST_NAT) != null) {
                b.destinationNat(ToolValues.nat("--dst-nat", a.get(DST_NAT)));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--")) {
                throw e;
            }
            throw new IllegalArgumentException("entry: " + e.getMessage(), e);
        }
    }

    /** The original tuple of get, and its zone: from -s/-d, else the inverse of -r/-q. */
    static Tuple getTuple(ToolRequest r) {
        ToolArgs a = r.args();
        if (a.has(SRC) && a.has(DST)) {
            return tuple(r, a.get(SRC), a.get(DST), false);
        }
        return tuple(r, a.get(REPLY_SRC), a.get(REPLY_DST), true).inverse();
    }

    static int getZone(ToolRequest r) {
        return r.args().has(ZONE) ? ToolValues.zone("--zone", r.args().get(ZONE)) : 0;
    }

    private static void zone(ToolArgs a, ConntrackEntry.Builder b) {
        int given = (a.has(ZONE) ? 1 : 0) + (a.has(ORIG_ZONE) ? 1 : 0) + (a.has(REPLY_ZONE) ? 1 : 0);
        if (given > 1) {
            // The kernel keeps one zone id per entry: it refuses such a request with EINVAL.
            throw new IllegalArgumentException("--zone/--orig-zone/--reply-zone: give only one of them");
        }
        if (a.has(ZONE)) {
            b.zone(ToolValues.zone("--zone", a.get(ZONE)), ZoneDirection.BOTH);
        } else if (a.has(ORIG_ZONE)) {
            b.zone(ToolValues.zone("--orig-zone", a.get(ORIG_ZONE)), ZoneDirection.ORIGINAL);
        } else if (a.has(REPLY_ZONE)) {
            b.zone(ToolValues.zone("--reply-zone", a.get(REPLY_ZONE)), ZoneDirection.REPLY);
        }
    }

    private static void state(ToolRequest r, ConntrackEntry.Builder b) {
        ToolArgs a = r.args();
        Protocol p = r.protocol();
        if (a.has(STATE)) {
            if (p.equals(Protocol.TCP)) {
                b.tcpState(tcpState(a.get(STATE)));
            } else if (p.equals(Protocol.SCTP)) {
                b.sctpState(sctpState(a.get(STATE)));
            } else {
                b.dccpState(dccpState(a.get(STATE)));
            }
        }
        if (a.has(ORIG_VTAG) || a.has(REPLY_VTAG)) {
            // The tool's vtag numbers are byte-swapped on little-endian hosts (see SaveFormat.toolVtag), so the
            // same option gives the same kernel tag through the tool and through us; the swap is its own inverse.
            b.sctpVtags(a.has(ORIG_VTAG) ? SaveFormat.toolVtag(CNumbers.range("--orig-vtag", a.get(ORIG_VTAG), 0,
                    ToolValues.MAX_U32), ByteOrder.nativeOrder()) : 0,
                    a.has(REPLY_VTAG) ? SaveFormat.toolVtag(CNumbers.range("--reply-vtag", a.get(REPLY_VTAG), 0,
                    ToolValues.MAX_U32), ByteOrder.nativeOrder()) : 0);
        }
        if (a.has(ROLE)) {
            String role = a.get(ROLE).toLowerCase(java.util.Locale.ROOT);
            // The role is checked as the tool reads it; the API has no DCCP role to send, so it goes no further.
            if (role.isEmpty() || !(ROLE_CLIENT.startsWith(role) || ROLE_SERVER.startsWith(role))) {
                throw new IllegalArgumentException("--role: `" + a.get(ROLE) + "' is not client or server");
            }
        }
    }

    private static Tuple tuple(ToolRequest r, String src, String dst, boolean replyOptions) {
        ToolArgs a = r.args();
        InetAddress s = ToolValues.plainAddress(replyOptions ? "--reply-src" : "--src", src);
        InetAddress d = ToolValues.plainAddress(replyOptions ? "--reply-dst" : "--dst", dst);
        Protocol p = r.protocol();
        if (p.hasPorts()) {
            ToolOption sp = replyOptions ? REPLY_PORT_SRC : SPORT;
            ToolOption dp = replyOptions ? REPLY_PORT_DST : DPORT;
            if (!a.has(sp) || !a.has(dp)) {
                // Only the other direction's ports were given: the kernel derives these from them.
                Tuple other = tuple(r, dst, src, !replyOptions);
                return other.inverse();
            }
            return Tuple.of(p, s, d, ToolValues.port(sp.display(), a.get(sp)),
                    ToolValues.port(dp.display(), a.get(dp)));
        }
        if (p.isIcmp()) {
            boolean v6 = p.equals(Protocol.ICMPV6);
            int type = (int) CNumbers.range(v6 ? "--icmpv6-type" : "--icmp-type",
                    a.get(v6 ? ICMPV6_TYPE : ICMP_TYPE), 0, ToolValues.MAX_U8);
            int code = (int) CNumbers.range(v6 ? "--icmpv6-code" : "--icmp-code",
                    a.get(v6 ? ICMPV6_CODE : ICMP_CODE), 0, ToolValues.MAX_U8);
            ToolOption idOption = v6 ? ICMPV6_ID : ICMP_ID;
            int id = a.has(idOption) ? (int) CNumbers.range(idOption.display(), a.get(idOption), 0,
                    ToolValues.MAX_U16) : 0;
            return new Tuple(s, d, p, 0, 0, type, code, id);
        }
        if (p.equals(Protocol.GRE)) {
            ToolOption sk = replyOptions ? GRE_REPLY_SRC_KEY : GRE_SRC_KEY;
            ToolOption dk = replyOptions ? GRE_REPLY_DST_KEY : GRE_DST_KEY;
            int skey = a.has(sk) ? ToolValues.port(sk.display(), a.get(sk)) : 0;
            int dkey = a.has(dk) ? ToolValues.port(dk.display(), a.get(dk)) : 0;
            return Tuple.of(p, s, d, skey, dkey);
        }
        return Tuple.addressesOnly(p, s, d);
    }

    /** The reply tuple of -r/-q; for ICMP its type is the reply type of the original's (the tool's -p options
     *  describe the original direction). */
    private static Tuple replyTuple(ToolRequest r, Tuple orig) {
        ToolArgs a = r.args();
        Protocol p = r.protocol();
        if (p.isIcmp() && orig != null) {
            Tuple inv = orig.inverse();
            return new Tuple(ToolValues.plainAddress("--reply-src", a.get(REPLY_SRC)),
                    ToolValues.plainAddress("--reply-dst", a.get(REPLY_DST)), p, 0, 0, inv.icmpType(),
                    inv.icmpCode(), inv.icmpId());
        }
        return tuple(r, a.get(REPLY_SRC), a.get(REPLY_DST), true);
    }

    static TcpState tcpState(String text) {
        if (LISTEN.equals(text)) {
            return TcpState.SYN_SENT2;
        }
        for (TcpState s : TcpState.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--state: unknown TCP state `" + text + "'");
    }

    static SctpState sctpState(String text) {
        for (SctpState s : SctpState.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--state: unknown SCTP state `" + text + "'");
    }

    static DccpState dccpState(String text) {
        for (DccpState s : DccpState.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--state: Unknown DCCP state `" + text + "'");
    }
}
