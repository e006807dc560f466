package io.jconntrack.api;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One expectation: a connection the kernel will accept as related to its master, as a helper (FTP, TFTP, SIP,
 * H.323, ...) or a program creates it. A new connection matches when its original tuple, under the mask, equals the
 * expected tuple. Immutable; build one with {@link #builder(Tuple, Tuple)}.
 *
 * @since 0.3
 */
public final class Expectation implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Timeout value meaning "not set". */
    public static final long NO_TIMEOUT = -1;

    private final Tuple master;
    private final Tuple expected;
    private final Tuple mask;
    private final long timeout;
    private final int zone;
    private final String helper;
    private final long expectationClass;
    private final Set<ExpectationFlag> flags;
    private final ExpectationNat nat;
    private final String function;
    private final long id;

    private Expectation(Builder b) {
        this.master = b.master;
        this.expected = b.expected;
        this.mask = b.mask != null ? b.mask : exactMask(b.expected);
        if (mask.family() != expected.family()) {
            throw new IllegalArgumentException("mask: family " + mask.family().label()
                    + " differs from the expected tuple's " + expected.family().label());
        }
        if (master.family() != expected.family()) {
            throw new IllegalArgumentException("master: family " + master.family().label()
                    + " differs from the expected tuple's " + expected.family().label());
        }
        if (mask.protocol().number() != expected.protocol().number()) {
            throw new IllegalArgumentException("mask: protocol " + mask.protocol()
                    + " differs from the expected tuple's " + expected.protocol());
        }
        if (b.nat != null && b.nat.tuple().family() != expected.family()) {
            throw new IllegalArgumentException("nat: family " + b.nat.tuple().family().label()
                    + " differs from the expected tuple's " + expected.family().label());
        }
        this.timeout = b.timeout;
        this.zone = b.zone;
        this.helper = b.helper;
        this.expectationClass = b.expectationClass;
        this.flags = b.flags.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(b.flags));
        this.nat = b.nat;
        this.function = b.function;
        this.id = b.id;
    }

    /**
     * The mask that matches exactly the expected tuple's source address and source port (all bits set), as the
     * kernel's helpers mostly make them; the destination is always compared in full.
     */
    public static Tuple exactMask(Tuple expected) {
        Limits.checkNotNull("expected", expected);
        InetAddress all = allOnes(expected.family());
        Protocol p = expected.protocol();
        if (p.isIcmp()) {
            return new Tuple(all, all, p, 0, 0, Limits.MAX_ICMP_TYPE, Limits.MAX_ICMP_CODE, Limits.MAX_ICMP_ID);
        }
        if (p.hasPorts() || p.equals(Protocol.GRE)) {
            return new Tuple(all, all, p, Limits.MAX_PORT, Limits.MAX_PORT, 0, 0, 0);
        }
        return Tuple.addressesOnly(p, all, all);
    }

    private static InetAddress allOnes(AddressFamily f) {
        byte[] b = new byte[f.addressLength()];
        java.util.Arrays.fill(b, (byte) 0xFF);
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
        }
    }

    /**
     * A builder for the expectation of a connection like {@code expected}, related to the master connection whose
     * original tuple is {@code master}.
     */
    public static Builder builder(Tuple master, Tuple expected) {
        return new Builder(master, expected);
    }

    public Builder toBuilder() {
        return new Builder(master, expected).mask(mask).timeout(timeout).zone(zone).helper(helper)
                .expectationClass(expectationClass).flags(flags).nat(nat).function(function).id(id);
    }

    public AddressFamily family() {
        return expected.family();
    }

    /** The original tuple of the master connection ({@code CTA_EXPECT_MASTER}). */
    public Tuple master() {
        return master;
    }

    /** The tuple an expected connection has ({@code CTA_EXPECT_TUPLE}). */
    public Tuple expected() {
        return expected;
    }

    /** Which bits of the expected tuple's source address and port are compared ({@code CTA_EXPECT_MASK}). */
    public Tuple mask() {
        return mask;
    }

    /** Seconds until it expires, or {@link #NO_TIMEOUT}. */
    public long timeout() {
        return timeout;
    }

    /** The zone of the master connection. */
    public int zone() {
        return zone;
    }

    /** The helper of the master connection ({@code CTA_EXPECT_HELP_NAME}), or null. */
    public String helper() {
        return helper;
    }

    /** The helper's expectation class ({@code CTA_EXPECT_CLASS}; the FTP helper has one, SIP several). */
    public long expectationClass() {
        return expectationClass;
    }

    public Set<ExpectationFlag> flags() {
        return flags;
    }

    /** The NAT of the expected connection, or null. */
    public ExpectationNat nat() {
        return nat;
    }

    /** The name of the function the kernel runs on the expected connection ({@code CTA_EXPECT_FN}), or null. */
    public String function() {
        return function;
    }

    /** The kernel's id ({@code CTA_EXPECT_ID}), 0 when unknown. */
    public long id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Expectation)) {
            return false;
        }
        Expectation e = (Expectation) o;
        return timeout == e.timeout && zone == e.zone && expectationClass == e.expectationClass && id == e.id
                && master.equals(e.master) && expected.equals(e.expected) && mask.equals(e.mask)
                && Objects.equals(helper, e.helper) && flags.equals(e.flags) && Objects.equals(nat, e.nat)
                && Objects.equals(function, e.function);
    }

    @Override
    public int hashCode() {
        return Objects.hash(master, expected, mask, timeout, zone, helper, id);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Expectation[").append(family().label()).append(' ').append(expected)
                .append(" mask=[").append(mask).append("] master=[").append(master).append(']')
                .append(" zone=").append(zone);
        if (timeout != NO_TIMEOUT) {
            b.append(" timeout=").append(timeout);
        }
        if (helper != null) {
            b.append(" helper=").append(helper);
        }
        b.append(" class=").append(expectationClass);
        if (!flags.isEmpty()) {
            b.append(" flags=").append(flags);
        }
        if (nat != null) {
            b.append(" nat=").append(nat.reply() ? "reply " : "original ").append(nat.tuple());
        }
        if (function != null) {
            b.append(" fn=").append(function);
        }
        return b.append(" id=").append(id).append(']').toString();
    }

    /** Builds an expectation; every setter validates its argument against {@link Limits}. */
    public static final class Builder {
        private final Tuple master;
        private final Tuple expected;
        private Tuple mask;
        private long timeout = NO_TIMEOUT;
        private int zone;
        private String helper;
        private long expectationClass;
        private Set<ExpectationFlag> flags = EnumSet.noneOf(ExpectationFlag.class);
        private ExpectationNat nat;
        private String function;
        private long id;

        private Builder(Tuple master, Tuple expected) {
            this.master = Limits.checkNotNull("master", master);
            this.expected = Limits.checkNotNull("expected", expected);
        }

        /** The mask; by default {@link #exactMask(Tuple) exact}. */
        public Builder mask(Tuple mask) {
            this.mask = mask;
            return this;
        }

        /** Seconds until expiry, or {@link #NO_TIMEOUT}; creating an expectation needs one. */
        public Builder timeout(long seconds) {
            this.timeout = seconds == NO_TIMEOUT ? NO_TIMEOUT
                    : Limits.checkRangeLong("timeout", seconds, 0, Limits.MAX_TIMEOUT);
            return this;
        }

        public Builder zone(int zone) {
            this.zone = Limits.checkZone("zone", zone);
            return this;
        }

        /**
         * The helper's name ({@code ftp}, {@code sip}, ...), sent on creation as libnetfilter_conntrack sends it;
         * Linux 6.18 attaches the expectation to the master's own helper whatever the name says.
         */
        public Builder helper(String helper) {
            this.helper = Limits.checkHelperName("helper", helper);
            return this;
        }

        public Builder expectationClass(long expectationClass) {
            this.expectationClass = Limits.checkRangeLong("expectationClass", expectationClass, 0, 0xFFFF_FFFFL);
            return this;
        }

        public Builder flags(Collection<ExpectationFlag> flags) {
            Limits.checkNotNull("flags", flags);
            for (ExpectationFlag f : flags) {
                Limits.checkNotNull("flags", f);
            }
            this.flags = flags.isEmpty() ? EnumSet.noneOf(ExpectationFlag.class) : EnumSet.copyOf(flags);
            return this;
        }

        public Builder flags(ExpectationFlag... flags) {
            return flags(java.util.Arrays.asList(Limits.checkNotNull("flags", flags)));
        }

        public Builder nat(ExpectationNat nat) {
            this.nat = nat;
            return this;
        }

        public Builder function(String function) {
            if (function != null && function.isEmpty()) {
                throw new IllegalArgumentException("function: must not be empty");
            }
            this.function = function;
            return this;
        }

        public Builder id(long id) {
            this.id = Limits.checkRangeLong("id", id, 0, 0xFFFF_FFFFL);
            return this;
        }

        public Expectation build() {
            return new Expectation(this);
        }
    }
}
