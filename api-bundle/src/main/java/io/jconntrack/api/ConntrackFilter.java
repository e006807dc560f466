package io.jconntrack.api;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Selects entries, as {@code conntrack}'s selection options do: every field given must match (AND); fields left
 * unset match everything. Addresses, ports and state refer to the original direction. Build with {@link #builder()};
 * {@link #ALL} selects every entry.
 */
public final class ConntrackFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The filter that selects every entry. */
    public static final ConntrackFilter ALL = builder().build();

    private final AddressFamily family;
    private final Protocol protocol;
    private final Integer zone;
    private final Long mark;
    private final long markMask;
    private final Cidr source;
    private final Cidr destination;
    private final Integer sourcePort;
    private final Integer destinationPort;
    private final EnumSet<StatusFlag> status;
    private final TcpState tcpState;

    private ConntrackFilter(Builder b) {
        Protocol p = b.protocol;
        if (b.tcpState != null) {
            if (p != null && !p.equals(Protocol.TCP)) {
                throw new IllegalArgumentException("state: a TCP state needs protocol tcp, not " + p);
            }
            p = Protocol.TCP;
        }
        if (b.sourcePort != null || b.destinationPort != null) {
            String field = b.sourcePort != null ? "sourcePort" : "destinationPort";
            if (p == null) {
                throw new IllegalArgumentException(field + ": a port filter needs a protocol with ports "
                        + "(tcp, udp, udplite, sctp, dccp)");
            }
            if (!p.hasPorts()) {
                throw new IllegalArgumentException(field + ": ports do not apply to protocol " + p);
            }
        }
        AddressFamily f = b.family;
        for (Cidr c : new Cidr[] {b.source, b.destination}) {
            if (c == null) {
                continue;
            }
            String field = c == b.source ? "source" : "destination";
            if (f != null && c.family() != f) {
                throw new IllegalArgumentException(field + ": " + c + " is not of family " + f.label());
            }
            f = c.family();
        }
        if (p != null && p.equals(Protocol.ICMP) && f == AddressFamily.IPV6) {
            throw new IllegalArgumentException("protocol: icmp does not apply to family ipv6 (use icmpv6)");
        }
        if (p != null && p.equals(Protocol.ICMPV6) && f == AddressFamily.IPV4) {
            throw new IllegalArgumentException("protocol: icmpv6 does not apply to family ipv4 (use icmp)");
        }
        this.family = f;
        this.protocol = p;
        this.zone = b.zone;
        this.mark = b.mark;
        this.markMask = b.markMask;
        this.source = b.source;
        this.destination = b.destination;
        this.sourcePort = b.sourcePort;
        this.destinationPort = b.destinationPort;
        this.status = EnumSet.copyOf(b.status);
        this.tcpState = b.tcpState;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A filter selecting one zone. */
    public static ConntrackFilter zone(int zone) {
        return builder().zone(zone).build();
    }

    /** True when the filter selects every entry. */
    public boolean isEmpty() {
        return family == null && protocol == null && zone == null && mark == null && source == null
                && destination == null && sourcePort == null && destinationPort == null && status.isEmpty()
                && tcpState == null;
    }

    /** Whether the entry is selected; the kernel's dump filters are rechecked with this. */
    public boolean matches(ConntrackEntry e) {
        Tuple o = e.original();
        return (family == null || e.family() == family)
                && (protocol == null || o.protocol().number() == protocol.number())
                && (zone == null || e.zone() == zone)
                && (mark == null || (e.mark() & markMask) == (mark & markMask))
                && (source == null || source.contains(o.source()))
                && (destination == null || destination.contains(o.destination()))
                && (sourcePort == null || o.sourcePort() == sourcePort)
                && (destinationPort == null || o.destinationPort() == destinationPort)
                && (status.isEmpty() || e.hasAllStatus(status))
                && (tcpState == null || e.tcpState() == tcpState);
    }

    public AddressFamily family() {
        return family;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Integer zone() {
        return zone;
    }

    public Long mark() {
        return mark;
    }

    public long markMask() {
        return markMask;
    }

    public Cidr source() {
        return source;
    }

    public Cidr destination() {
        return destination;
    }

    public Integer sourcePort() {
        return sourcePort;
    }

    public Integer destinationPort() {
        return destinationPort;
    }

    /** Flags that must all be set; empty for any. */
    public EnumSet<StatusFlag> status() {
        return EnumSet.copyOf(status);
    }

    public TcpState tcpState() {
        return tcpState;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.family = family;
        b.protocol = protocol;
        b.zone = zone;
        b.mark = mark;
        b.markMask = markMask;
        b.source = source;
        b.destination = destination;
        b.sourcePort = sourcePort;
        b.destinationPort = destinationPort;
        b.status = EnumSet.copyOf(status);
        b.tcpState = tcpState;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConntrackFilter)) {
            return false;
        }
        ConntrackFilter f = (ConntrackFilter) o;
        return family == f.family && Objects.equals(protocol, f.protocol) && Objects.equals(zone, f.zone)
                && Objects.equals(mark, f.mark) && markMask == f.markMask && Objects.equals(source, f.source)
                && Objects.equals(destination, f.destination) && Objects.equals(sourcePort, f.sourcePort)
                && Objects.equals(destinationPort, f.destinationPort) && status.equals(f.status)
                && tcpState == f.tcpState;
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, protocol, zone, mark, markMask, source, destination, sourcePort, destinationPort,
                status, tcpState);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ConntrackFilter[");
        if (family != null) {
            b.append(" family=").append(family.label());
        }
        if (protocol != null) {
            b.append(" protocol=").append(protocol);
        }
        if (zone != null) {
            b.append(" zone=").append(zone);
        }
        if (mark != null) {
            b.append(" mark=").append(mark).append('/').append(String.format("0x%x", markMask));
        }
        if (source != null) {
            b.append(" src=").append(source);
        }
        if (destination != null) {
            b.append(" dst=").append(destination);
        }
        if (sourcePort != null) {
            b.append(" sport=").append(sourcePort);
        }
        if (destinationPort != null) {
            b.append(" dport=").append(destinationPort);
        }
        if (!status.isEmpty()) {
            b.append(" status=").append(status);
        }
        if (tcpState != null) {
            b.append(" state=").append(tcpState);
        }
        return b.append(isEmpty() ? "all]" : " ]").toString();
    }

    /** Fluent builder; each setter validates its value and names the field when it refuses one. */
    public static final class Builder {
        private AddressFamily family;
        private Protocol protocol;
        private Integer zone;
        private Long mark;
        private long markMask = Limits.MAX_MARK;
        private Cidr source;
        private Cidr destination;
        private Integer sourcePort;
        private Integer destinationPort;
        private EnumSet<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        private TcpState tcpState;

        private Builder() {
        }

        public Builder family(AddressFamily family) {
            this.family = family;
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder zone(int zone) {
            this.zone = Limits.checkZone("zone", zone);
            return this;
        }

        public Builder mark(long mark) {
            return mark(mark, Limits.MAX_MARK);
        }

        /** Selects entries whose {@code mark & mask} equals {@code mark & mask}. */
        public Builder mark(long mark, long mask) {
            this.mark = Limits.checkRangeLong("mark", mark, 0, Limits.MAX_MARK);
            this.markMask = Limits.checkRangeLong("markMask", mask, 0, Limits.MAX_MARK);
            return this;
        }

        public Builder source(Cidr source) {
            this.source = source;
            return this;
        }

        /** Source address or CIDR in text, e.g. {@code 192.0.2.0/24}. */
        public Builder source(String cidr) {
            return source(Cidr.parse("source", cidr));
        }

        public Builder destination(Cidr destination) {
            this.destination = destination;
            return this;
        }

        public Builder destination(String cidr) {
            return destination(Cidr.parse("destination", cidr));
        }

        public Builder sourcePort(int port) {
            this.sourcePort = Limits.checkRange("sourcePort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public Builder destinationPort(int port) {
            this.destinationPort = Limits.checkRange("destinationPort", port, 0, Limits.MAX_PORT);
            return this;
        }

        /** Flags that must all be set. */
        public Builder status(Collection<StatusFlag> flags) {
            Limits.checkNotNull("status", flags);
            this.status = flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags);
            return this;
        }

        public Builder status(StatusFlag... flags) {
            Limits.checkNotNull("status", flags);
            for (StatusFlag f : flags) {
                Limits.checkNotNull("status", f);
            }
            return status(java.util.Arrays.asList(flags));
        }

        public Builder tcpState(TcpState state) {
            this.tcpState = state;
            return this;
        }

        public ConntrackFilter build() {
            return new ConntrackFilter(this);
        }
    }
}
