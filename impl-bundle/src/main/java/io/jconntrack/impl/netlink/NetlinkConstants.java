package io.jconntrack.impl.netlink;

/** Constants of {@code linux/netlink.h}, named as there. */
public final class NetlinkConstants {
    public static final int AF_NETLINK = 16;
    public static final int NETLINK_NETFILTER = 12;
    public static final int SOL_NETLINK = 270;

    // socket options at SOL_NETLINK
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    // message types below NLMSG_MIN_TYPE
    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;

    // nlmsg_flags
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // modifiers to GET
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // modifiers to NEW
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    // flags of an NLMSG_ERROR acknowledgement
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** {@code struct nlmsghdr}: u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
    public static final int NLMSG_HDRLEN = 16;
    /** {@code struct nlattr}: u16 len, u16 type. */
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xFFFF;
    /** {@code struct nlmsgerr}: int error followed by the offending message's header. */
    public static final int NLMSGERR_SIZE = 4 + NLMSG_HDRLEN;

    // enum nlmsgerr_attrs: extended-ack TLVs after the nlmsgerr
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final AttributeNames NLMSGERR_ATTRS = AttributeNames.of("NLMSGERR_ATTR_UNUSED", "NLMSGERR_ATTR_MSG",
            "NLMSGERR_ATTR_OFFS", "NLMSGERR_ATTR_COOKIE", "NLMSGERR_ATTR_POLICY", "NLMSGERR_ATTR_MISS_TYPE",
            "NLMSGERR_ATTR_MISS_NEST");

    private NetlinkConstants() {
    }

    /** {@code NLMSG_ALIGN} / {@code NLA_ALIGN}: netlink aligns to 4 bytes. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
