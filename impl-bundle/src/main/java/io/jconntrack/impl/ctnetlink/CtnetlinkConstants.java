package io.jconntrack.impl.ctnetlink;

/**
 * Constants of {@code linux/netfilter/nfnetlink_conntrack.h}, named as there. The {@code CTA_FILTER_F_*} flags are
 * the kernel's {@code CTA_FILTER_FLAG()} values from {@code net/netfilter/nf_conntrack_netlink.c}.
 */
public final class CtnetlinkConstants {
    // enum cntl_msg_types
    public static final int IPCTNL_MSG_CT_NEW = 0;
    public static final int IPCTNL_MSG_CT_GET = 1;
    public static final int IPCTNL_MSG_CT_DELETE = 2;
    public static final int IPCTNL_MSG_CT_GET_CTRZERO = 3;
    public static final int IPCTNL_MSG_CT_GET_STATS_CPU = 4;
    public static final int IPCTNL_MSG_CT_GET_STATS = 5;
    public static final int IPCTNL_MSG_CT_GET_DYING = 6;
    public static final int IPCTNL_MSG_CT_GET_UNCONFIRMED = 7;

    // enum cntl_msg_exp_types (subsystem NFNL_SUBSYS_CTNETLINK_EXP)
    public static final int IPCTNL_MSG_EXP_NEW = 0;
    public static final int IPCTNL_MSG_EXP_GET = 1;
    public static final int IPCTNL_MSG_EXP_DELETE = 2;
    public static final int IPCTNL_MSG_EXP_GET_STATS_CPU = 3;

    // enum ctattr_type
    public static final int CTA_TUPLE_ORIG = 1;
    public static final int CTA_TUPLE_REPLY = 2;
    public static final int CTA_STATUS = 3;
    public static final int CTA_PROTOINFO = 4;
    public static final int CTA_HELP = 5;
    public static final int CTA_NAT_SRC = 6;
    public static final int CTA_TIMEOUT = 7;
    public static final int CTA_MARK = 8;
    public static final int CTA_COUNTERS_ORIG = 9;
    public static final int CTA_COUNTERS_REPLY = 10;
    public static final int CTA_USE = 11;
    public static final int CTA_ID = 12;
    public static final int CTA_NAT_DST = 13;
    public static final int CTA_TUPLE_MASTER = 14;
    public static final int CTA_SEQ_ADJ_ORIG = 15;
    public static final int CTA_SEQ_ADJ_REPLY = 16;
    public static final int CTA_SECMARK = 17;
    public static final int CTA_ZONE = 18;
    public static final int CTA_SECCTX = 19;
    public static final int CTA_TIMESTAMP = 20;
    public static final int CTA_MARK_MASK = 21;
    public static final int CTA_LABELS = 22;
    public static final int CTA_LABELS_MASK = 23;
    public static final int CTA_SYNPROXY = 24;
    public static final int CTA_FILTER = 25;
    public static final int CTA_STATUS_MASK = 26;

    // enum ctattr_tuple
    public static final int CTA_TUPLE_IP = 1;
    public static final int CTA_TUPLE_PROTO = 2;
    public static final int CTA_TUPLE_ZONE = 3;

    // enum ctattr_ip
    public static final int CTA_IP_V4_SRC = 1;
    public static final int CTA_IP_V4_DST = 2;
    public static final int CTA_IP_V6_SRC = 3;
    public static final int CTA_IP_V6_DST = 4;

    // enum ctattr_l4proto
    public static final int CTA_PROTO_NUM = 1;
    public static final int CTA_PROTO_SRC_PORT = 2;
    public static final int CTA_PROTO_DST_PORT = 3;
    public static final int CTA_PROTO_ICMP_ID = 4;
    public static final int CTA_PROTO_ICMP_TYPE = 5;
    public static final int CTA_PROTO_ICMP_CODE = 6;
    public static final int CTA_PROTO_ICMPV6_ID = 7;
    public static final int CTA_PROTO_ICMPV6_TYPE = 8;
    public static final int CTA_PROTO_ICMPV6_CODE = 9;

    // enum ctattr_protoinfo
    public static final int CTA_PROTOINFO_TCP = 1;
    public static final int CTA_PROTOINFO_DCCP = 2;
    public static final int CTA_PROTOINFO_SCTP = 3;

    // enum ctattr_protoinfo_tcp
    public static final int CTA_PROTOINFO_TCP_STATE = 1;
    public static final int CTA_PROTOINFO_TCP_WSCALE_ORIGINAL = 2;
    public static final int CTA_PROTOINFO_TCP_WSCALE_REPLY = 3;
    public static final int CTA_PROTOINFO_TCP_FLAGS_ORIGINAL = 4;
    public static final int CTA_PROTOINFO_TCP_FLAGS_REPLY = 5;

    // enum ctattr_protoinfo_dccp
    public static final int CTA_PROTOINFO_DCCP_STATE = 1;
    public static final int CTA_PROTOINFO_DCCP_ROLE = 2;

    // enum ctattr_protoinfo_sctp
    public static final int CTA_PROTOINFO_SCTP_STATE = 1;
    public static final int CTA_PROTOINFO_SCTP_VTAG_ORIGINAL = 2;
    public static final int CTA_PROTOINFO_SCTP_VTAG_REPLY = 3;

    // enum ctattr_counters
    public static final int CTA_COUNTERS_PACKETS = 1;
    public static final int CTA_COUNTERS_BYTES = 2;
    public static final int CTA_COUNTERS32_PACKETS = 3;
    public static final int CTA_COUNTERS32_BYTES = 4;

    // enum ctattr_tstamp
    public static final int CTA_TIMESTAMP_START = 1;
    public static final int CTA_TIMESTAMP_STOP = 2;

    // enum ctattr_help
    public static final int CTA_HELP_NAME = 1;

    // enum ctattr_stats_cpu
    public static final int CTA_STATS_FOUND = 2;
    public static final int CTA_STATS_INVALID = 4;
    public static final int CTA_STATS_INSERT = 8;
    public static final int CTA_STATS_INSERT_FAILED = 9;
    public static final int CTA_STATS_DROP = 10;
    public static final int CTA_STATS_EARLY_DROP = 11;
    public static final int CTA_STATS_ERROR = 12;
    public static final int CTA_STATS_SEARCH_RESTART = 13;
    public static final int CTA_STATS_CLASH_RESOLVE = 14;
    public static final int CTA_STATS_CHAIN_TOOLONG = 15;

    // enum ctattr_stats_global
    public static final int CTA_STATS_GLOBAL_ENTRIES = 1;
    public static final int CTA_STATS_GLOBAL_MAX_ENTRIES = 2;

    // enum ctattr_nat
    public static final int CTA_NAT_V4_MINIP = 1;
    public static final int CTA_NAT_V4_MAXIP = 2;
    public static final int CTA_NAT_PROTO = 3;
    public static final int CTA_NAT_V6_MINIP = 4;
    public static final int CTA_NAT_V6_MAXIP = 5;

    // enum ctattr_protonat
    public static final int CTA_PROTONAT_PORT_MIN = 1;
    public static final int CTA_PROTONAT_PORT_MAX = 2;

    // enum ctattr_filter
    public static final int CTA_FILTER_ORIG_FLAGS = 1;
    public static final int CTA_FILTER_REPLY_FLAGS = 2;

    // CTA_FILTER_FLAG(x): which tuple fields a CTA_FILTER compares
    public static final int CTA_FILTER_F_CTA_IP_SRC = 1 << 0;
    public static final int CTA_FILTER_F_CTA_IP_DST = 1 << 1;
    public static final int CTA_FILTER_F_CTA_TUPLE_ZONE = 1 << 2;
    public static final int CTA_FILTER_F_CTA_PROTO_NUM = 1 << 3;
    public static final int CTA_FILTER_F_CTA_PROTO_SRC_PORT = 1 << 4;
    public static final int CTA_FILTER_F_CTA_PROTO_DST_PORT = 1 << 5;

    // enum ctattr_expect
    public static final int CTA_EXPECT_MASTER = 1;
    public static final int CTA_EXPECT_TUPLE = 2;
    public static final int CTA_EXPECT_MASK = 3;
    public static final int CTA_EXPECT_TIMEOUT = 4;
    public static final int CTA_EXPECT_ID = 5;
    public static final int CTA_EXPECT_HELP_NAME = 6;
    public static final int CTA_EXPECT_ZONE = 7;
    public static final int CTA_EXPECT_FLAGS = 8;
    public static final int CTA_EXPECT_CLASS = 9;
    public static final int CTA_EXPECT_NAT = 10;
    public static final int CTA_EXPECT_FN = 11;

    // enum ctattr_expect_nat
    public static final int CTA_EXPECT_NAT_DIR = 1;
    public static final int CTA_EXPECT_NAT_TUPLE = 2;

    // enum ctattr_expect_stats
    public static final int CTA_STATS_EXP_NEW = 1;
    public static final int CTA_STATS_EXP_CREATE = 2;
    public static final int CTA_STATS_EXP_DELETE = 3;

    /** Size of the label bitmap ({@code NF_CT_LABELS_MAX_SIZE}, 128 bits). */
    public static final int NF_CT_LABELS_MAX_SIZE = 16;

    private CtnetlinkConstants() {
    }
}
