package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import java.net.InetAddress;

/** Encodes and decodes {@code CTA_TUPLE_*} nests. */
public final class TupleCodec {
    private TupleCodec() {
    }

    /** Writes a whole tuple as the nested attribute {@code type} (CTA_TUPLE_ORIG or CTA_TUPLE_REPLY). */
    public static void encode(MessageWriter w, int type, Tuple t) {
        encode(w, type, t, -1);
    }

    /**
     * Writes a whole tuple carrying {@code CTA_TUPLE_ZONE} when {@code zone} is not negative: a zone that applies to
     * this direction alone.
     */
    public static void encode(MessageWriter w, int type, Tuple t, int zone) {
        int tuple = w.beginNested(type);
        encodeIp(w, t.source(), t.destination(), true, true);
        int proto = w.beginNested(CTA_TUPLE_PROTO);
        w.putU8(CTA_PROTO_NUM, t.protocol().number());
        Protocol p = t.protocol();
        if (p.equals(Protocol.ICMP)) {
            w.putBe16(CTA_PROTO_ICMP_ID, t.icmpId());
            w.putU8(CTA_PROTO_ICMP_TYPE, t.icmpType());
            w.putU8(CTA_PROTO_ICMP_CODE, t.icmpCode());
        } else if (p.equals(Protocol.ICMPV6)) {
            w.putBe16(CTA_PROTO_ICMPV6_ID, t.icmpId());
            w.putU8(CTA_PROTO_ICMPV6_TYPE, t.icmpType());
            w.putU8(CTA_PROTO_ICMPV6_CODE, t.icmpCode());
        } else if (p.hasPorts() || p.equals(Protocol.GRE)) {
            w.putBe16(CTA_PROTO_SRC_PORT, t.sourcePort());
            w.putBe16(CTA_PROTO_DST_PORT, t.destinationPort());
        }
        w.endNested(proto);
        if (zone >= 0) {
            w.putBe16(CTA_TUPLE_ZONE, zone);
        }
        w.endNested(tuple);
    }

    /** Writes a {@code CTA_TUPLE_IP} nest with the addresses asked for (a filter may carry only one). */
    public static void encodeIp(MessageWriter w, InetAddress src, InetAddress dst, boolean withSrc, boolean withDst) {
        int ip = w.beginNested(CTA_TUPLE_IP);
        boolean v6 = AddressFamily.of(withSrc ? src : dst) == AddressFamily.IPV6;
        if (withSrc) {
            w.putBytes(v6 ? CTA_IP_V6_SRC : CTA_IP_V4_SRC, src.getAddress());
        }
        if (withDst) {
            w.putBytes(v6 ? CTA_IP_V6_DST : CTA_IP_V4_DST, dst.getAddress());
        }
        w.endNested(ip);
    }

    /** Decodes the tuple nest the cursor is on. */
    public static Tuple decode(AttributeCursor tupleAttr, AddressFamily family) throws MalformedMessageException {
        return decode(tupleAttr, family, new AddressCache());
    }

    /** Decodes the tuple nest the cursor is on, reusing addresses the cache holds. */
    public static Tuple decode(AttributeCursor tupleAttr, AddressFamily family, AddressCache cache)
            throws MalformedMessageException {
        InetAddress src = null;
        InetAddress dst = null;
        int protocol = -1;
        int sport = 0;
        int dport = 0;
        int icmpType = 0;
        int icmpCode = 0;
        int icmpId = 0;
        AttributeCursor t = tupleAttr.nested(CtnetlinkNames.TUPLE);
        while (t.next()) {
            if (t.type() == CTA_TUPLE_IP) {
                AttributeCursor ip = t.nested(CtnetlinkNames.IP);
                while (ip.next()) {
                    switch (ip.type()) {
                        case CTA_IP_V4_SRC: src = address(ip, 4, cache); break;
                        case CTA_IP_V4_DST: dst = address(ip, 4, cache); break;
                        case CTA_IP_V6_SRC: src = address(ip, 16, cache); break;
                        case CTA_IP_V6_DST: dst = address(ip, 16, cache); break;
                        default: break; // unknown: skipped
                    }
                }
            } else if (t.type() == CTA_TUPLE_PROTO) {
                AttributeCursor p = t.nested(CtnetlinkNames.PROTO);
                while (p.next()) {
                    switch (p.type()) {
                        case CTA_PROTO_NUM: protocol = p.u8(); break;
                        case CTA_PROTO_SRC_PORT: sport = p.be16(); break;
                        case CTA_PROTO_DST_PORT: dport = p.be16(); break;
                        case CTA_PROTO_ICMP_ID: case CTA_PROTO_ICMPV6_ID: icmpId = p.be16(); break;
                        case CTA_PROTO_ICMP_TYPE: case CTA_PROTO_ICMPV6_TYPE: icmpType = p.u8(); break;
                        case CTA_PROTO_ICMP_CODE: case CTA_PROTO_ICMPV6_CODE: icmpCode = p.u8(); break;
                        default: break;
                    }
                }
            }
        }
        if (src == null || dst == null) {
            throw new MalformedMessageException("tuple without source or destination address");
        }
        if (family != null && (AddressFamily.of(src) != family || AddressFamily.of(dst) != family)) {
            throw new MalformedMessageException("tuple addresses " + src.getHostAddress() + ", "
                    + dst.getHostAddress() + " do not match family " + family.label());
        }
        if (protocol < 0) {
            throw new MalformedMessageException("tuple without CTA_PROTO_NUM");
        }
        Protocol p = Protocol.of(protocol);
        try {
            if (p.isIcmp()) {
                return new Tuple(src, dst, p, 0, 0, icmpType, icmpCode, icmpId);
            }
            if (p.hasPorts() || p.equals(Protocol.GRE)) {
                return new Tuple(src, dst, p, sport, dport, 0, 0, 0);
            }
            return Tuple.addressesOnly(p, src, dst);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid tuple: " + e.getMessage());
        }
    }

    /**
     * The zone a tuple nest carries ({@code CTA_TUPLE_ZONE}, sent for entries whose zone applies to one direction
     * only), or -1.
     */
    public static int zone(AttributeCursor tupleAttr) throws MalformedMessageException {
        AttributeCursor t = tupleAttr.nested(CtnetlinkNames.TUPLE);
        while (t.next()) {
            if (t.type() == CTA_TUPLE_ZONE) {
                return t.be16();
            }
        }
        return -1;
    }

    private static InetAddress address(AttributeCursor a, int length, AddressCache cache)
            throws MalformedMessageException {
        a.exactly(length);
        return cache.get(a.buffer(), a.payloadOffset(), length);
    }
}
