package io.jconntrack.api;

import java.io.Serializable;

/**
 * Packet and byte counters of one direction, present when {@code nf_conntrack_acct} is on. The kernel's counters
 * are u64; read them with {@link Long#toUnsignedString(long)} if they could pass 2^63.
 */
public record Counters(long packets, long bytes) implements Serializable {
}
