package io.jconntrack.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One connection-tracking entry, as read from the kernel or to be created in it. Immutable; build one with
 * {@link #builder(Tuple)}. Optional parts (state, counters, timestamps, helper) are {@code null} when the kernel did
 * not report them.
 */
public final class ConntrackEntry implements Serializable {
    /** 2: zone direction, NAT targets and secmark added in 0.2. */
    private static final long serialVersionUID = 2L;

    /** Timeout value meaning "not set". */
    public static final long NO_TIMEOUT = -1;

    private final Tuple original;
    private final Tuple reply;
    private final int zone;
    private final ZoneDirection zoneDirection;
    private final NatTarget sourceNat;
    private final NatTarget destinationNat;
    private final long secmark;
    private final long mark;
    private final EnumSet<StatusFlag> status;
    private final long timeout;
    private final TcpState tcpState;
    private final SctpState sctpState;
    private final DccpState dccpState;
    private final long sctpOriginalVtag;
    private final long sctpReplyVtag;
    private final Counters originalCounters;
    private final Counters replyCounters;
    private final Instant start;
    private final Instant stop;
    private final long id;
    private final SortedSet<Integer> labels;
    private final long use;
    private final String helper;

    private ConntrackEntry(Builder b) {
        this.original = b.original;
        this.reply = b.reply != null ? b.reply : b.original.inverse();
        if (reply.protocol().number() != original.protocol().number()) {
            throw new IllegalArgumentException("reply: protocol " + reply.protocol()
                    + " differs from the original's " + original.protocol());
        }
        if (reply.family() != original.family()) {
            throw new IllegalArgumentException("reply: family " + reply.family().label()
                    + " differs from the original's " + original.family().label());
        }
        this.zone = b.zone;
        this.zoneDirection = b.zoneDirection;
        this.sourceNat = checkNatFamily("sourceNat", b.sourceNat, original.family());
        this.destinationNat = checkNatFamily("destinationNat", b.destinationNat, original.family());
        this.secmark = b.secmark;
        this.mark = b.mark;
        // The builder never changes a set it handed over (its setters make a new one), so no copy is needed.
        this.status = b.status;
        this.timeout = b.timeout;
        if (b.tcpState != null && !original.protocol().equals(Protocol.TCP)) {
            throw new IllegalArgumentException("state: a TCP state does not apply to protocol " + original.protocol());
        }
        if (b.sctpState != null && !original.protocol().equals(Protocol.SCTP)) {
            throw new IllegalArgumentException("state: an SCTP state does not apply to protocol " + original.protocol());
        }
        if (b.dccpState != null && !original.protocol().equals(Protocol.DCCP)) {
            throw new IllegalArgumentException("state: a DCCP state does not apply to protocol " + original.protocol());
        }
        this.tcpState = b.tcpState;
        this.sctpState = b.sctpState;
        this.dccpState = b.dccpState;
        this.sctpOriginalVtag = b.sctpOriginalVtag;
        this.sctpReplyVtag = b.sctpReplyVtag;
        this.originalCounters = b.originalCounters;
        this.replyCounters = b.replyCounters;
        this.start = b.start;
        this.stop = b.stop;
        this.id = b.id;
        // Most entries have no labels: share one empty set instead of a tree per entry (dumps make millions).
        this.labels = b.labels.isEmpty() ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(b.labels));
        this.use = b.use;
        this.helper = b.helper;
    }

    private static NatTarget checkNatFamily(String field, NatTarget nat, AddressFamily family) {
        if (nat != null && AddressFamily.of(nat.address()) != family) {
            throw new IllegalArgumentException(field + ": " + nat + " is not of the entry's family "
                    + family.label());
        }
        return nat;
    }

    public static Builder builder(Tuple original) {
        return new Builder(original);
    }

    /**
     * A builder for an entry given by its reply tuple, as {@code conntrack -I -r ... -q ...} creates one: the
     * original is the reply's inverse.
     */
    public static Builder fromReply(Tuple reply) {
        Limits.checkNotNull("reply", reply);
        return new Builder(reply.inverse()).reply(reply);
    }

    /** A builder holding every field of this entry, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(original).reply(reply).zone(zone, zoneDirection).mark(mark).status(status)
                .timeout(timeout).secmark(secmark).sourceNat(sourceNat).destinationNat(destinationNat)
                .id(id).labels(labels).use(use).counters(originalCounters, replyCounters).timestamps(start, stop)
                .helper(helper).sctpVtags(sctpOriginalVtag, sctpReplyVtag);
        b.tcpState = tcpState;
        b.sctpState = sctpState;
        b.dccpState = dccpState;
        return b;
    }

    public AddressFamily family() {
        return original.family();
    }

    public Protocol protocol() {
        return original.protocol();
    }

    public Tuple original() {
        return original;
    }

    public Tuple reply() {
        return reply;
    }

    /** The entry's zone id; see {@link #zoneDirection()} for the direction(s) it applies to. */
    public int zone() {
        return zone;
    }

    /** The direction(s) the zone applies to: usually both. */
    public ZoneDirection zoneDirection() {
        return zoneDirection;
    }

    /**
     * The zone of the original direction as the kernel reports it in the original tuple ({@code CTA_TUPLE_ZONE}):
     * the zone id when it applies to the original direction alone, else 0, as {@code conntrack --orig-zone} sees it.
     */
    public int originalTupleZone() {
        return zoneDirection == ZoneDirection.ORIGINAL ? zone : 0;
    }

    /** As {@link #originalTupleZone()}, for the reply tuple. */
    public int replyTupleZone() {
        return zoneDirection == ZoneDirection.REPLY ? zone : 0;
    }

    /**
     * Whether the entry's source is translated, as the {@code conntrack} tool decides it (libnetfilter_conntrack's
     * {@code NFCT_GOPT_IS_SNAT}/{@code IS_SPAT}): the kernel has done source NAT ({@code SRC_NAT_DONE}) and the
     * reply's destination address or port differs from the original's source. An entry created with a reply tuple
     * that is not the original's inverse is not NAT.
     */
    public boolean isSourceNat() {
        return status.contains(StatusFlag.SRC_NAT_DONE)
                && (!original.source().equals(reply.destination())
                || original.sourcePort() != reply.destinationPort());
    }

    /** As {@link #isSourceNat()} for the destination ({@code DST_NAT_DONE}, the reply's source). */
    public boolean isDestinationNat() {
        return status.contains(StatusFlag.DST_NAT_DONE)
                && (!original.destination().equals(reply.source())
                || original.destinationPort() != reply.sourcePort());
    }

    /**
     * The zone the kernel reports for both directions ({@code CTA_ZONE}): the zone id when it applies to both, 0
     * when it applies to one direction only, as {@code conntrack -w} selects entries.
     */
    public int sharedZone() {
        return zoneDirection == ZoneDirection.BOTH ? zone : 0;
    }

    /** Source NAT to apply when the entry is created ({@code CTA_NAT_SRC}), or null; dumps show NAT in the tuples. */
    public NatTarget sourceNat() {
        return sourceNat;
    }

    /** Destination NAT to apply when the entry is created ({@code CTA_NAT_DST}), or null. */
    public NatTarget destinationNat() {
        return destinationNat;
    }

    /** The security mark ({@code CTA_SECMARK}), 0 when not set or not reported. */
    public long secmark() {
        return secmark;
    }

    /** The mark, an unsigned 32-bit value. */
    public long mark() {
        return mark;
    }

    /** A copy of the status flags. */
    public EnumSet<StatusFlag> status() {
        return EnumSet.copyOf(status);
    }

    public boolean hasStatus(StatusFlag flag) {
        return status.contains(flag);
    }

    /** Whether every one of the flags is set (without copying the status). */
    public boolean hasAllStatus(java.util.Collection<StatusFlag> flags) {
        return status.containsAll(flags);
    }

    /** Seconds until the entry expires, or {@link #NO_TIMEOUT}. */
    public long timeout() {
        return timeout;
    }

    public TcpState tcpState() {
        return tcpState;
    }

    public SctpState sctpState() {
        return sctpState;
    }

    public DccpState dccpState() {
        return dccpState;
    }

    public long sctpOriginalVtag() {
        return sctpOriginalVtag;
    }

    public long sctpReplyVtag() {
        return sctpReplyVtag;
    }

    /** Counters of the original direction, {@code null} when accounting is off. */
    public Counters originalCounters() {
        return originalCounters;
    }

    public Counters replyCounters() {
        return replyCounters;
    }

    /** Start time, {@code null} unless {@code nf_conntrack_timestamp} is on. */
    public Instant start() {
        return start;
    }

    /** Stop time, only in destroy events with timestamps on. */
    public Instant stop() {
        return stop;
    }

    /** The kernel's id of this entry ({@code CTA_ID}), 0 when unknown. */
    public long id() {
        return id;
    }

    /** Connection label bits that are set (0..{@value Limits#MAX_LABEL_BIT}). */
    public SortedSet<Integer> labels() {
        return labels;
    }

    /** Reference count ({@code CTA_USE}), 0 when not reported. */
    public long use() {
        return use;
    }

    /** Name of the attached helper, or {@code null}. */
    public String helper() {
        return helper;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConntrackEntry)) {
            return false;
        }
        ConntrackEntry e = (ConntrackEntry) o;
        return zone == e.zone && zoneDirection == e.zoneDirection && secmark == e.secmark
                && Objects.equals(sourceNat, e.sourceNat) && Objects.equals(destinationNat, e.destinationNat)
                && mark == e.mark && timeout == e.timeout && id == e.id && use == e.use
                && sctpOriginalVtag == e.sctpOriginalVtag && sctpReplyVtag == e.sctpReplyVtag
                && original.equals(e.original) && reply.equals(e.reply) && status.equals(e.status)
                && tcpState == e.tcpState && sctpState == e.sctpState && dccpState == e.dccpState
                && Objects.equals(originalCounters, e.originalCounters)
                && Objects.equals(replyCounters, e.replyCounters) && Objects.equals(start, e.start)
                && Objects.equals(stop, e.stop) && labels.equals(e.labels) && Objects.equals(helper, e.helper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(original, reply, zone, mark, status, timeout, tcpState, sctpState, dccpState, id);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ConntrackEntry[");
        b.append(family().label()).append(' ').append(original).append(" reply=[").append(reply).append(']');
        b.append(" zone=").append(zone);
        if (zoneDirection != ZoneDirection.BOTH) {
            b.append('(').append(zoneDirection.name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        b.append(" mark=").append(mark);
        if (sourceNat != null) {
            b.append(" snat=").append(sourceNat);
        }
        if (destinationNat != null) {
            b.append(" dnat=").append(destinationNat);
        }
        if (secmark != 0) {
            b.append(" secmark=").append(secmark);
        }
        if (timeout != NO_TIMEOUT) {
            b.append(" timeout=").append(timeout);
        }
        if (tcpState != null) {
            b.append(" state=").append(tcpState);
        }
        if (sctpState != null) {
            b.append(" state=").append(sctpState);
        }
        if (dccpState != null) {
            b.append(" state=").append(dccpState);
        }
        b.append(" status=").append(status);
        if (originalCounters != null) {
            b.append(" counters=").append(originalCounters).append('/').append(replyCounters);
        }
        if (start != null) {
            b.append(" start=").append(start);
        }
        if (stop != null) {
            b.append(" stop=").append(stop);
        }
        if (!labels.isEmpty()) {
            b.append(" labels=").append(labels);
        }
        if (helper != null) {
            b.append(" helper=").append(helper);
        }
        return b.append(" id=").append(id).append(" use=").append(use).append(']').toString();
    }

    /** Builds an entry; every setter validates its argument against {@link Limits}. */
    public static final class Builder {
        private final Tuple original;
        private Tuple reply;
        private int zone;
        private ZoneDirection zoneDirection = ZoneDirection.BOTH;
        private NatTarget sourceNat;
        private NatTarget destinationNat;
        private long secmark;
        private long mark;
        private EnumSet<StatusFlag> status = EnumSet.noneOf(StatusFlag.class);
        private long timeout = NO_TIMEOUT;
        private TcpState tcpState;
        private SctpState sctpState;
        private DccpState dccpState;
        private long sctpOriginalVtag;
        private long sctpReplyVtag;
        private Counters originalCounters;
        private Counters replyCounters;
        private Instant start;
        private Instant stop;
        private long id;
        private Set<Integer> labels = Collections.emptySet();
        private long use;
        private String helper;

        private Builder(Tuple original) {
            this.original = Limits.checkNotNull("original", original);
        }

        /** The reply tuple; when not given it is the inverse of the original (no NAT). */
        public Builder reply(Tuple reply) {
            this.reply = reply;
            return this;
        }

        /** The zone of both directions. */
        public Builder zone(int zone) {
            return zone(zone, ZoneDirection.BOTH);
        }

        /** A zone id and the direction(s) it applies to. */
        public Builder zone(int zone, ZoneDirection direction) {
            this.zone = Limits.checkZone("zone", zone);
            this.zoneDirection = Limits.checkNotNull("zoneDirection", direction);
            return this;
        }

        /**
         * Source NAT applied by the kernel when the entry is created: the reply tuple's destination becomes this
         * address (and port). Needs the kernel's NAT support.
         */
        public Builder sourceNat(NatTarget nat) {
            if (nat != null) {
                Limits.checkNotNull("sourceNat.address", nat.address());
            }
            this.sourceNat = nat;
            return this;
        }

        /** Destination NAT applied when the entry is created: the reply tuple's source becomes this address. */
        public Builder destinationNat(NatTarget nat) {
            if (nat != null) {
                Limits.checkNotNull("destinationNat.address", nat.address());
            }
            this.destinationNat = nat;
            return this;
        }

        public Builder secmark(long secmark) {
            this.secmark = Limits.checkRangeLong("secmark", secmark, 0, 0xFFFF_FFFFL);
            return this;
        }

        public Builder mark(long mark) {
            this.mark = Limits.checkRangeLong("mark", mark, 0, Limits.MAX_MARK);
            return this;
        }

        public Builder status(Collection<StatusFlag> flags) {
            Limits.checkNotNull("status", flags);
            this.status = flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags);
            return this;
        }

        /** Status from the kernel's bit mask ({@code CTA_STATUS}); unknown bits are ignored. */
        public Builder statusBits(long bits) {
            this.status = StatusFlag.fromBits(bits);
            return this;
        }

        public Builder status(StatusFlag... flags) {
            Limits.checkNotNull("status", flags);
            EnumSet<StatusFlag> set = EnumSet.noneOf(StatusFlag.class);
            for (StatusFlag f : flags) {
                set.add(Limits.checkNotNull("status", f));
            }
            this.status = set;
            return this;
        }

        /** Seconds until expiry, or {@link #NO_TIMEOUT}. */
        public Builder timeout(long seconds) {
            this.timeout = seconds == NO_TIMEOUT ? NO_TIMEOUT
                    : Limits.checkRangeLong("timeout", seconds, 0, Limits.MAX_TIMEOUT);
            return this;
        }

        public Builder tcpState(TcpState state) {
            this.tcpState = state;
            return this;
        }

        public Builder sctpState(SctpState state) {
            this.sctpState = state;
            return this;
        }

        public Builder dccpState(DccpState state) {
            this.dccpState = state;
            return this;
        }

        /** SCTP verification tags of both directions (u32). */
        public Builder sctpVtags(long originalVtag, long replyVtag) {
            this.sctpOriginalVtag = Limits.checkRangeLong("sctpOriginalVtag", originalVtag, 0, 0xFFFF_FFFFL);
            this.sctpReplyVtag = Limits.checkRangeLong("sctpReplyVtag", replyVtag, 0, 0xFFFF_FFFFL);
            return this;
        }

        public Builder counters(Counters original, Counters reply) {
            this.originalCounters = original;
            this.replyCounters = reply;
            return this;
        }

        public Builder timestamps(Instant start, Instant stop) {
            this.start = start;
            this.stop = stop;
            return this;
        }

        public Builder id(long id) {
            this.id = Limits.checkRangeLong("id", id, 0, 0xFFFF_FFFFL);
            return this;
        }

        public Builder labels(Collection<Integer> bits) {
            Limits.checkNotNull("labels", bits);
            for (Integer bit : bits) {
                Limits.checkRange("labels", Limits.checkNotNull("labels", bit), 0, Limits.MAX_LABEL_BIT);
            }
            this.labels = bits.isEmpty() ? Collections.emptySet() : Set.copyOf(bits);
            return this;
        }

        public Builder use(long use) {
            this.use = Limits.checkRangeLong("use", use, 0, 0xFFFF_FFFFL);
            return this;
        }

        /**
         * The helper ({@code ftp}, {@code sip}, ...): reported by the kernel, and attached by it to an entry created
         * with one (a helper the kernel has, for the entry's protocol; {@code EOPNOTSUPP} otherwise).
         */
        public Builder helper(String helper) {
            this.helper = Limits.checkHelperName("helper", helper);
            return this;
        }

        public ConntrackEntry build() {
            return new ConntrackEntry(this);
        }
    }
}
