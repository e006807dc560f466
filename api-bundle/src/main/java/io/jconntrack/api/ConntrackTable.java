package io.jconntrack.api;

/**
 * The kernel's lists of conntrack entries that a dump can read ({@code conntrack -L [conntrack|dying|unconfirmed]}).
 *
 * @since 0.3
 */
public enum ConntrackTable {
    /** The table of confirmed entries ({@code IPCTNL_MSG_CT_GET}). */
    CONNTRACK,
    /** Entries removed from the table but still referenced, e.g. waiting for their destroy event to be delivered. */
    DYING,
    /** Entries of packets not yet through the stack; Linux 6.1 and later report none. */
    UNCONFIRMED
}
