package io.jconntrack.api;

import java.util.EnumSet;
import java.util.Set;

/** Flags of an expectation ({@code NF_CT_EXPECT_*} of {@code linux/netfilter/nf_conntrack_common.h}). */
public enum ExpectationFlag {
    /** Stays after it matched a connection, until its master goes or it times out. */
    PERMANENT(0x1),
    /** Matches no connection until activated (a helper's placeholder). */
    INACTIVE(0x2),
    /** Created by a program over ctnetlink; the kernel sets it itself and ignores it in requests. */
    USERSPACE(0x4);

    private final int bit;

    ExpectationFlag(int bit) {
        this.bit = bit;
    }

    /** The kernel's bit. */
    public int bit() {
        return bit;
    }

    /** The flags of a kernel bit mask; unknown bits are ignored. */
    public static EnumSet<ExpectationFlag> fromBits(long bits) {
        EnumSet<ExpectationFlag> s = EnumSet.noneOf(ExpectationFlag.class);
        for (ExpectationFlag f : values()) {
            if ((bits & f.bit) != 0) {
                s.add(f);
            }
        }
        return s;
    }

    public static long toBits(Set<ExpectationFlag> flags) {
        long bits = 0;
        for (ExpectationFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }
}
