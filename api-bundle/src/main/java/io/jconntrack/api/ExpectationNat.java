package io.jconntrack.api;

import java.io.Serializable;

/**
 * The NAT a helper set up for an expected connection ({@code CTA_EXPECT_NAT}): the direction of the master it applies
 * to and the address and port the expected connection is translated to, carried in the tuple's source (the kernel
 * reports its destination as the unspecified address).
 *
 * @param reply whether it applies to the master's reply direction ({@code CTA_EXPECT_NAT_DIR} 1) rather than the
 *     original (0)
 */
public record ExpectationNat(boolean reply, Tuple tuple) implements Serializable {
    public ExpectationNat {
        Limits.checkNotNull("nat.tuple", tuple);
    }
}
