package io.jconntrack.api;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Selects entries, as {@code conntrack}'s selection options do: every field given must match (AND); fields left
 * unset match everything. {@code source}, {@code destination} and their ports refer to the original tuple, the
 * {@code reply*} fields to the reply tuple. NAT selections follow the tool's {@code --src-nat}, {@code --dst-nat}
 * and {@code --any-nat}. Build with {@link #builder()}; {@link #ALL} selects every entry.
 */
public final class ConntrackFilter implements Serializable {
    /** 2: reply, NAT, per-direction zone, shared zone, label and secmark fields added in 0.2. */
    private static final long serialVersionUID = 2L;

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
    private final Cidr replySource;
    private final Cidr replyDestination;
    private final Integer replySourcePort;
    private final Integer replyDestinationPort;
    private final Integer originalZone;
    private final Integer replyZone;
    private final NatTarget sourceNat;
    private final NatTarget destinationNat;
    private final NatTarget anyNat;
    private final Set<Integer> labels;
    private final Long secmark;
    private final Integer sharedZone;

    private ConntrackFilter(Builder b) {
        Protocol p = b.protocol;
        if (b.tcpState != null) {
            if (p != null && !p.equals(Protocol.TCP)) {
                throw new IllegalArgumentException("state: a TCP state needs protocol tcp, not " + p);
            }
            p = Protocol.TCP;
        }
        TupleMatch.checkPorts(p, TupleMatch.firstGiven("sourcePort", b.sourcePort, "destinationPort",
                b.destinationPort, "replySourcePort", b.replySourcePort, "replyDestinationPort",
                b.replyDestinationPort));
        AddressFamily f = TupleMatch.family(b.family, "source", b.source, "destination", b.destination,
                "replySource", b.replySource, "replyDestination", b.replyDestination);
        NatTarget[] nats = {b.sourceNat, b.destinationNat, b.anyNat};
        String[] natNames = {"sourceNat", "destinationNat", "anyNat"};
        for (int i = 0; i < nats.length; i++) {
            if (nats[i] == null || nats[i].address() == null) {
                continue;
            }
            AddressFamily nf = AddressFamily.of(nats[i].address());
            if (f != null && nf != f) {
                throw new IllegalArgumentException(natNames[i] + ": " + nats[i] + " is not of family " + f.label());
            }
            f = nf;
        }
        if (b.anyNat != null && (b.sourceNat != null || b.destinationNat != null)) {
            throw new IllegalArgumentException("anyNat: cannot be combined with sourceNat or destinationNat");
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
        this.replySource = b.replySource;
        this.replyDestination = b.replyDestination;
        this.replySourcePort = b.replySourcePort;
        this.replyDestinationPort = b.replyDestinationPort;
        this.originalZone = b.originalZone;
        this.replyZone = b.replyZone;
        this.sourceNat = b.sourceNat;
        this.destinationNat = b.destinationNat;
        this.anyNat = b.anyNat;
        this.labels = b.labels;
        this.secmark = b.secmark;
        this.sharedZone = b.sharedZone;
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
                && tcpState == null && !hasReplySelection() && originalZone == null && replyZone == null
                && !hasNatSelection() && labels.isEmpty() && secmark == null && sharedZone == null;
    }

    /** Whether any field of the reply tuple is selected. */
    public boolean hasReplySelection() {
        return replySource != null || replyDestination != null || replySourcePort != null
                || replyDestinationPort != null;
    }

    /** Whether a NAT selection is given. */
    public boolean hasNatSelection() {
        return sourceNat != null || destinationNat != null || anyNat != null;
    }

    /** Whether the entry is selected; the kernel's dump filters are rechecked with this. */
    public boolean matches(ConntrackEntry e) {
        Tuple o = e.original();
        return (family == null || e.family() == family)
                && (protocol == null || o.protocol().number() == protocol.number())
                && (zone == null || e.zone() == zone)
                && (mark == null || (e.mark() & markMask) == (mark & markMask))
                && TupleMatch.matches(o, source, destination, sourcePort, destinationPort)
                && (status.isEmpty() || e.hasAllStatus(status))
                && (tcpState == null || e.tcpState() == tcpState)
                && TupleMatch.matches(e.reply(), replySource, replyDestination, replySourcePort,
                        replyDestinationPort)
                && (originalZone == null || e.originalTupleZone() == originalZone)
                && (replyZone == null || e.replyTupleZone() == replyZone)
                && matchesNat(e)
                && (labels.isEmpty() || e.labels().containsAll(labels))
                && (secmark == null || e.secmark() == secmark)
                && (sharedZone == null || e.sharedZone() == sharedZone);
    }

    /**
     * The tool's NAT selection ({@code filter_nat} in conntrack-tools): source NAT shows as the reply's destination
     * differing from the original's source, and a given address or port must be that reply destination; likewise
     * destination NAT with the reply's source. {@code anyNat} selects either kind; source and destination together
     * select entries with both.
     */
    private boolean matchesNat(ConntrackEntry e) {
        if (!hasNatSelection()) {
            return true;
        }
        Tuple o = e.original();
        Tuple r = e.reply();
        boolean snatDone = e.hasStatus(StatusFlag.SRC_NAT_DONE);
        boolean dnatDone = e.hasStatus(StatusFlag.DST_NAT_DONE);
        if (anyNat != null) {
            return natMatches(anyNat, snatDone, o.source(), o.sourcePort(), r.destination(), r.destinationPort())
                    || natMatches(anyNat, dnatDone, o.destination(), o.destinationPort(), r.source(), r.sourcePort());
        }
        return (sourceNat == null
                || natMatches(sourceNat, snatDone, o.source(), o.sourcePort(), r.destination(), r.destinationPort()))
                && (destinationNat == null || natMatches(destinationNat, dnatDone, o.destination(),
                o.destinationPort(), r.source(), r.sourcePort()));
    }

    /** As the tool: NAT of a kind is seen only when the kernel did it ({@code *_NAT_DONE}) and a tuple differs. */
    private static boolean natMatches(NatTarget want, boolean done, java.net.InetAddress before, int beforePort,
                                      java.net.InetAddress after, int afterPort) {
        boolean addressNat = done && !before.equals(after);
        boolean portNat = done && beforePort != afterPort;
        if (want.address() == null && want.port() == null) {
            return addressNat || portNat;
        }
        if (want.address() != null && !(addressNat && want.address().equals(after))) {
            return false;
        }
        return want.port() == null || (portNat && want.port() == afterPort);
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

    public Cidr replySource() {
        return replySource;
    }

    public Cidr replyDestination() {
        return replyDestination;
    }

    public Integer replySourcePort() {
        return replySourcePort;
    }

    public Integer replyDestinationPort() {
        return replyDestinationPort;
    }

    /** Selects by {@link ConntrackEntry#originalTupleZone()}. */
    public Integer originalZone() {
        return originalZone;
    }

    /** Selects by {@link ConntrackEntry#replyTupleZone()}. */
    public Integer replyZone() {
        return replyZone;
    }

    public NatTarget sourceNat() {
        return sourceNat;
    }

    public NatTarget destinationNat() {
        return destinationNat;
    }

    public NatTarget anyNat() {
        return anyNat;
    }

    /** Label bits an entry must all have ({@code conntrack -l}); empty for any. */
    public Set<Integer> labels() {
        return labels;
    }

    public Long secmark() {
        return secmark;
    }

    /** Selects by {@link ConntrackEntry#sharedZone()}, as {@code conntrack -w}. */
    public Integer sharedZone() {
        return sharedZone;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.replySource = replySource;
        b.replyDestination = replyDestination;
        b.replySourcePort = replySourcePort;
        b.replyDestinationPort = replyDestinationPort;
        b.originalZone = originalZone;
        b.replyZone = replyZone;
        b.sourceNat = sourceNat;
        b.destinationNat = destinationNat;
        b.anyNat = anyNat;
        b.labels = labels;
        b.secmark = secmark;
        b.sharedZone = sharedZone;
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
                && tcpState == f.tcpState && Objects.equals(replySource, f.replySource)
                && Objects.equals(replyDestination, f.replyDestination)
                && Objects.equals(replySourcePort, f.replySourcePort)
                && Objects.equals(replyDestinationPort, f.replyDestinationPort)
                && Objects.equals(originalZone, f.originalZone) && Objects.equals(replyZone, f.replyZone)
                && Objects.equals(sourceNat, f.sourceNat) && Objects.equals(destinationNat, f.destinationNat)
                && Objects.equals(anyNat, f.anyNat) && labels.equals(f.labels)
                && Objects.equals(secmark, f.secmark) && Objects.equals(sharedZone, f.sharedZone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, protocol, zone, mark, markMask, source, destination, sourcePort, destinationPort,
                status, tcpState, replySource, replyDestination, replySourcePort, replyDestinationPort, originalZone,
                replyZone, sourceNat, destinationNat, anyNat, labels, secmark, sharedZone);
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
        appendIf(b, " reply-src=", replySource);
        appendIf(b, " reply-dst=", replyDestination);
        appendIf(b, " reply-sport=", replySourcePort);
        appendIf(b, " reply-dport=", replyDestinationPort);
        appendIf(b, " orig-zone=", originalZone);
        appendIf(b, " reply-zone=", replyZone);
        appendIf(b, " src-nat=", sourceNat);
        appendIf(b, " dst-nat=", destinationNat);
        appendIf(b, " any-nat=", anyNat);
        appendIf(b, " labels=", labels.isEmpty() ? null : labels);
        appendIf(b, " secmark=", secmark);
        appendIf(b, " shared-zone=", sharedZone);
        return b.append(isEmpty() ? "all]" : " ]").toString();
    }

    private static void appendIf(StringBuilder b, String label, Object value) {
        if (value != null) {
            b.append(label).append(value);
        }
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
        private Cidr replySource;
        private Cidr replyDestination;
        private Integer replySourcePort;
        private Integer replyDestinationPort;
        private Integer originalZone;
        private Integer replyZone;
        private NatTarget sourceNat;
        private NatTarget destinationNat;
        private NatTarget anyNat;
        private Set<Integer> labels = Set.of();
        private Long secmark;
        private Integer sharedZone;

        private Builder() {
        }

        /**
         * Entries whose zone applies to both directions and is {@code zone}, or, for zone 0, also every entry whose
         * zone applies to one direction only: the selection of {@code conntrack -w ZONE}
         * ({@link ConntrackEntry#sharedZone()}). {@link #zone(int)} selects the zone id in either direction instead.
         */
        public Builder sharedZone(int zone) {
            this.sharedZone = Limits.checkZone("sharedZone", zone);
            return this;
        }

        /** Entries that have every one of these label bits set. */
        public Builder labels(Collection<Integer> bits) {
            Limits.checkNotNull("labels", bits);
            for (Integer bit : bits) {
                Limits.checkRange("labels", Limits.checkNotNull("labels", bit), 0, Limits.MAX_LABEL_BIT);
            }
            this.labels = Set.copyOf(bits);
            return this;
        }

        public Builder secmark(long secmark) {
            this.secmark = Limits.checkRangeLong("secmark", secmark, 0, 0xFFFF_FFFFL);
            return this;
        }

        /** Source address or prefix of the reply tuple. */
        public Builder replySource(Cidr replySource) {
            this.replySource = replySource;
            return this;
        }

        public Builder replySource(String cidr) {
            return replySource(Cidr.parse("replySource", cidr));
        }

        public Builder replyDestination(Cidr replyDestination) {
            this.replyDestination = replyDestination;
            return this;
        }

        public Builder replyDestination(String cidr) {
            return replyDestination(Cidr.parse("replyDestination", cidr));
        }

        public Builder replySourcePort(int port) {
            this.replySourcePort = Limits.checkRange("replySourcePort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public Builder replyDestinationPort(int port) {
            this.replyDestinationPort = Limits.checkRange("replyDestinationPort", port, 0, Limits.MAX_PORT);
            return this;
        }

        /** Entries whose original tuple carries this zone ({@link ConntrackEntry#originalTupleZone()}). */
        public Builder originalZone(int zone) {
            this.originalZone = Limits.checkZone("originalZone", zone);
            return this;
        }

        /** Entries whose reply tuple carries this zone ({@link ConntrackEntry#replyTupleZone()}). */
        public Builder replyZone(int zone) {
            this.replyZone = Limits.checkZone("replyZone", zone);
            return this;
        }

        /** Source-NATed entries, to the target's address and port where given ({@link NatTarget#ANY}: any). */
        public Builder sourceNat(NatTarget nat) {
            this.sourceNat = nat;
            return this;
        }

        public Builder destinationNat(NatTarget nat) {
            this.destinationNat = nat;
            return this;
        }

        /** Entries with source or destination NAT (to the target where given). */
        public Builder anyNat(NatTarget nat) {
            this.anyNat = nat;
            return this;
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
