package io.jconntrack.impl.ctnetlink;

/** Constants of {@code linux/netfilter/nfnetlink.h}, named as there. */
public final class NfnetlinkConstants {
    public static final int NFNL_SUBSYS_CTNETLINK = 1;
    public static final int NFNL_SUBSYS_CTNETLINK_EXP = 2;
    /** nfgenmsg.version 0. */
    public static final int NFNETLINK_V0 = 0;
    /**
     * nfgenmsg.version 1: the kernel has no name for it; a flush honours the family of nfgenmsg only with it,
     * with version 0 a flush empties both families.
     */
    public static final int NFNETLINK_V1 = 1;

    // enum nfnetlink_groups
    public static final int NFNLGRP_CONNTRACK_NEW = 1;
    public static final int NFNLGRP_CONNTRACK_UPDATE = 2;
    public static final int NFNLGRP_CONNTRACK_DESTROY = 3;
    public static final int NFNLGRP_CONNTRACK_EXP_NEW = 4;
    /** Joined for completeness: the kernel sends no expectation updates (only IPEXP_NEW and IPEXP_DESTROY). */
    public static final int NFNLGRP_CONNTRACK_EXP_UPDATE = 5;
    public static final int NFNLGRP_CONNTRACK_EXP_DESTROY = 6;

    /** {@code struct nfgenmsg}: u8 family, u8 version, be16 res_id. */
    public static final int NFGENMSG_SIZE = 4;
    public static final int AF_UNSPEC = 0;

    private NfnetlinkConstants() {
    }

    /** Message type of a ctnetlink expectation message. */
    public static int expectType(int msg) {
        return (NFNL_SUBSYS_CTNETLINK_EXP << 8) | msg;
    }

    /** Message type of a ctnetlink message: subsystem in the high byte. */
    public static int ctnetlinkType(int msg) {
        return (NFNL_SUBSYS_CTNETLINK << 8) | msg;
    }
}
