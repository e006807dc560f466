package io.jconntrack.api;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Conntrack status bits, {@code enum ip_conntrack_status} in {@code linux/netfilter/nf_conntrack_common.h}. */
public enum StatusFlag {
    EXPECTED(0),
    SEEN_REPLY(1),
    ASSURED(2),
    CONFIRMED(3),
    SRC_NAT(4),
    DST_NAT(5),
    SEQ_ADJUST(6),
    SRC_NAT_DONE(7),
    DST_NAT_DONE(8),
    DYING(9),
    FIXED_TIMEOUT(10),
    TEMPLATE(11),
    UNTRACKED(12),
    HELPER(13),
    OFFLOAD(14),
    HW_OFFLOAD(15);

    private final int bit;

    StatusFlag(int bit) {
        this.bit = bit;
    }

    /** Bit number ({@code IPS_*_BIT}). */
    public int bit() {
        return bit;
    }

    public long mask() {
        return 1L << bit;
    }

    public static EnumSet<StatusFlag> fromBits(long bits) {
        EnumSet<StatusFlag> set = EnumSet.noneOf(StatusFlag.class);
        for (StatusFlag f : values()) {
            if ((bits & f.mask()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    public static long toBits(Collection<StatusFlag> flags) {
        long bits = 0;
        for (StatusFlag f : flags) {
            bits |= f.mask();
        }
        return bits;
    }

    /** Parses one flag name, case-insensitive, as {@code conntrack -u} spells it (e.g. {@code ASSURED}). */
    public static StatusFlag parse(String text) {
        String t = Limits.checkNotNull("status", text).trim().toUpperCase(Locale.ROOT);
        for (StatusFlag f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("status: '" + text + "' is not a status flag; known: "
                + EnumSet.allOf(StatusFlag.class));
    }

    /** Parses a comma-separated list such as {@code ASSURED,SEEN_REPLY}. */
    public static Set<StatusFlag> parseList(String text) {
        EnumSet<StatusFlag> set = EnumSet.noneOf(StatusFlag.class);
        for (String part : Limits.checkNotNull("status", text).split(",")) {
            if (!part.isBlank()) {
                set.add(parse(part));
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("status: '" + text + "' names no status flag");
        }
        return set;
    }
}
