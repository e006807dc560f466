package io.jconntrack.api;

import java.io.Serializable;
import java.net.InetAddress;

/**
 * One direction of a connection: addresses plus the layer-4 identity. Ports apply to TCP, UDP, UDP-Lite, SCTP and
 * DCCP (GRE keys travel in the same fields, as in the kernel's tuple); type, code and id apply to ICMP and ICMPv6.
 * Fields that do not apply to the protocol must be zero.
 */
public record Tuple(InetAddress source, InetAddress destination, Protocol protocol,
                    int sourcePort, int destinationPort, int icmpType, int icmpCode, int icmpId)
        implements Serializable {

    public Tuple {
        Limits.checkNotNull("source", source);
        Limits.checkNotNull("destination", destination);
        Limits.checkNotNull("protocol", protocol);
        AddressFamily family = AddressFamily.of(source);
        if (AddressFamily.of(destination) != family) {
            throw new IllegalArgumentException("destination: " + destination.getHostAddress()
                    + " is not of the source's family " + family.label());
        }
        if (protocol.equals(Protocol.ICMP) && family != AddressFamily.IPV4) {
            throw new IllegalArgumentException("protocol: icmp needs IPv4 addresses, not " + source.getHostAddress());
        }
        if (protocol.equals(Protocol.ICMPV6) && family != AddressFamily.IPV6) {
            throw new IllegalArgumentException("protocol: icmpv6 needs IPv6 addresses, not " + source.getHostAddress());
        }
        boolean ports = protocol.hasPorts() || protocol.equals(Protocol.GRE);
        Limits.checkRange("sourcePort", sourcePort, 0, Limits.MAX_PORT);
        Limits.checkRange("destinationPort", destinationPort, 0, Limits.MAX_PORT);
        Limits.checkRange("icmpType", icmpType, 0, Limits.MAX_ICMP_TYPE);
        Limits.checkRange("icmpCode", icmpCode, 0, Limits.MAX_ICMP_CODE);
        Limits.checkRange("icmpId", icmpId, 0, Limits.MAX_ICMP_ID);
        if (!ports && (sourcePort != 0 || destinationPort != 0)) {
            throw new IllegalArgumentException("sourcePort/destinationPort: ports do not apply to protocol " + protocol);
        }
        if (!protocol.isIcmp() && (icmpType != 0 || icmpCode != 0 || icmpId != 0)) {
            throw new IllegalArgumentException("icmpType/icmpCode/icmpId: do not apply to protocol " + protocol);
        }
    }

    /** A tuple of a protocol with ports (TCP, UDP, UDP-Lite, SCTP, DCCP). */
    public static Tuple of(Protocol protocol, InetAddress source, InetAddress destination,
                           int sourcePort, int destinationPort) {
        if (!protocol.hasPorts() && !protocol.equals(Protocol.GRE)) {
            throw new IllegalArgumentException("protocol: " + protocol + " has no ports");
        }
        return new Tuple(source, destination, protocol, sourcePort, destinationPort, 0, 0, 0);
    }

    public static Tuple tcp(InetAddress source, InetAddress destination, int sourcePort, int destinationPort) {
        return of(Protocol.TCP, source, destination, sourcePort, destinationPort);
    }

    public static Tuple udp(InetAddress source, InetAddress destination, int sourcePort, int destinationPort) {
        return of(Protocol.UDP, source, destination, sourcePort, destinationPort);
    }

    /** An ICMP (IPv4 addresses) or ICMPv6 (IPv6 addresses) tuple. */
    public static Tuple icmp(InetAddress source, InetAddress destination, int type, int code, int id) {
        Protocol p = AddressFamily.of(source) == AddressFamily.IPV6 ? Protocol.ICMPV6 : Protocol.ICMP;
        return new Tuple(source, destination, p, 0, 0, type, code, id);
    }

    /** A tuple of a protocol tracked by addresses only. */
    public static Tuple addressesOnly(Protocol protocol, InetAddress source, InetAddress destination) {
        return new Tuple(source, destination, protocol, 0, 0, 0, 0, 0);
    }

    public AddressFamily family() {
        return AddressFamily.of(source);
    }

    /**
     * The tuple of the other direction, as the kernel would derive it: addresses and ports swapped, an ICMP request
     * type turned into its reply type.
     *
     * @throws IllegalArgumentException for an ICMP type that has no reply type (the kernel refuses such entries)
     */
    public Tuple inverse() {
        int type = icmpType;
        if (protocol.isIcmp()) {
            type = IcmpTypes.replyType(protocol, icmpType);
        }
        return new Tuple(destination, source, protocol, destinationPort, sourcePort, type, icmpCode, icmpId);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(protocol).append(" src=").append(source.getHostAddress())
                .append(" dst=").append(destination.getHostAddress());
        if (protocol.isIcmp()) {
            b.append(" type=").append(icmpType).append(" code=").append(icmpCode).append(" id=").append(icmpId);
        } else if (protocol.hasPorts() || sourcePort != 0 || destinationPort != 0) {
            b.append(" sport=").append(sourcePort).append(" dport=").append(destinationPort);
        }
        return b.toString();
    }
}
