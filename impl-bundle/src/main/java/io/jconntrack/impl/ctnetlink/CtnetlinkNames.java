package io.jconntrack.impl.ctnetlink;

import io.jconntrack.impl.netlink.AttributeNames;

/**
 * The names of ctnetlink's attribute spaces ({@code linux/netfilter/nfnetlink_conntrack.h}), listed in the order of
 * the kernel's enums, so that a decoding error names the attribute as the header does. A unit test checks each
 * name against the value of the constant of that name in {@link CtnetlinkConstants}.
 */
public final class CtnetlinkNames {
    public static final AttributeNames CTA = AttributeNames.of("CTA_UNSPEC", "CTA_TUPLE_ORIG", "CTA_TUPLE_REPLY",
            "CTA_STATUS", "CTA_PROTOINFO", "CTA_HELP", "CTA_NAT_SRC", "CTA_TIMEOUT", "CTA_MARK", "CTA_COUNTERS_ORIG",
            "CTA_COUNTERS_REPLY", "CTA_USE", "CTA_ID", "CTA_NAT_DST", "CTA_TUPLE_MASTER", "CTA_SEQ_ADJ_ORIG",
            "CTA_SEQ_ADJ_REPLY", "CTA_SECMARK", "CTA_ZONE", "CTA_SECCTX", "CTA_TIMESTAMP", "CTA_MARK_MASK",
            "CTA_LABELS", "CTA_LABELS_MASK", "CTA_SYNPROXY", "CTA_FILTER", "CTA_STATUS_MASK");
    public static final AttributeNames TUPLE = AttributeNames.of("CTA_TUPLE_UNSPEC", "CTA_TUPLE_IP",
            "CTA_TUPLE_PROTO", "CTA_TUPLE_ZONE");
    public static final AttributeNames IP = AttributeNames.of("CTA_IP_UNSPEC", "CTA_IP_V4_SRC", "CTA_IP_V4_DST",
            "CTA_IP_V6_SRC", "CTA_IP_V6_DST");
    public static final AttributeNames PROTO = AttributeNames.of("CTA_PROTO_UNSPEC", "CTA_PROTO_NUM",
            "CTA_PROTO_SRC_PORT", "CTA_PROTO_DST_PORT", "CTA_PROTO_ICMP_ID", "CTA_PROTO_ICMP_TYPE",
            "CTA_PROTO_ICMP_CODE", "CTA_PROTO_ICMPV6_ID", "CTA_PROTO_ICMPV6_TYPE", "CTA_PROTO_ICMPV6_CODE");
    public static final AttributeNames PROTOINFO = AttributeNames.of("CTA_PROTOINFO_UNSPEC",
            "CTA_PROTOINFO_TCP", "CTA_PROTOINFO_DCCP", "CTA_PROTOINFO_SCTP");
    public static final AttributeNames PROTOINFO_TCP = AttributeNames.of("CTA_PROTOINFO_TCP_UNSPEC",
            "CTA_PROTOINFO_TCP_STATE", "CTA_PROTOINFO_TCP_WSCALE_ORIGINAL", "CTA_PROTOINFO_TCP_WSCALE_REPLY",
            "CTA_PROTOINFO_TCP_FLAGS_ORIGINAL", "CTA_PROTOINFO_TCP_FLAGS_REPLY");
    public static final AttributeNames PROTOINFO_DCCP = AttributeNames.of("CTA_PROTOINFO_DCCP_UNSPEC",
            "CTA_PROTOINFO_DCCP_STATE", "CTA_PROTOINFO_DCCP_ROLE", "CTA_PROTOINFO_DCCP_HANDSHAKE_SEQ");
    public static final AttributeNames PROTOINFO_SCTP = AttributeNames.of("CTA_PROTOINFO_SCTP_UNSPEC",
            "CTA_PROTOINFO_SCTP_STATE", "CTA_PROTOINFO_SCTP_VTAG_ORIGINAL", "CTA_PROTOINFO_SCTP_VTAG_REPLY");
    public static final AttributeNames COUNTERS = AttributeNames.of("CTA_COUNTERS_UNSPEC",
            "CTA_COUNTERS_PACKETS", "CTA_COUNTERS_BYTES", "CTA_COUNTERS32_PACKETS", "CTA_COUNTERS32_BYTES",
            "CTA_COUNTERS_PAD");
    public static final AttributeNames TIMESTAMP = AttributeNames.of("CTA_TIMESTAMP_UNSPEC",
            "CTA_TIMESTAMP_START", "CTA_TIMESTAMP_STOP", "CTA_TIMESTAMP_PAD");
    public static final AttributeNames HELP = AttributeNames.of("CTA_HELP_UNSPEC", "CTA_HELP_NAME",
            "CTA_HELP_INFO");
    public static final AttributeNames STATS_CPU = AttributeNames.of("CTA_STATS_UNSPEC", "CTA_STATS_SEARCHED",
            "CTA_STATS_FOUND", "CTA_STATS_NEW", "CTA_STATS_INVALID", "CTA_STATS_IGNORE", "CTA_STATS_DELETE",
            "CTA_STATS_DELETE_LIST", "CTA_STATS_INSERT", "CTA_STATS_INSERT_FAILED", "CTA_STATS_DROP",
            "CTA_STATS_EARLY_DROP", "CTA_STATS_ERROR", "CTA_STATS_SEARCH_RESTART", "CTA_STATS_CLASH_RESOLVE",
            "CTA_STATS_CHAIN_TOOLONG");
    public static final AttributeNames STATS_GLOBAL = AttributeNames.of("CTA_STATS_GLOBAL_UNSPEC",
            "CTA_STATS_GLOBAL_ENTRIES", "CTA_STATS_GLOBAL_MAX_ENTRIES");

    public static final AttributeNames NAT = AttributeNames.of("CTA_NAT_UNSPEC", "CTA_NAT_V4_MINIP",
            "CTA_NAT_V4_MAXIP", "CTA_NAT_PROTO", "CTA_NAT_V6_MINIP", "CTA_NAT_V6_MAXIP");
    public static final AttributeNames PROTONAT = AttributeNames.of("CTA_PROTONAT_UNSPEC", "CTA_PROTONAT_PORT_MIN",
            "CTA_PROTONAT_PORT_MAX");

    public static final AttributeNames EXPECT = AttributeNames.of("CTA_EXPECT_UNSPEC", "CTA_EXPECT_MASTER",
            "CTA_EXPECT_TUPLE", "CTA_EXPECT_MASK", "CTA_EXPECT_TIMEOUT", "CTA_EXPECT_ID", "CTA_EXPECT_HELP_NAME",
            "CTA_EXPECT_ZONE", "CTA_EXPECT_FLAGS", "CTA_EXPECT_CLASS", "CTA_EXPECT_NAT", "CTA_EXPECT_FN");
    public static final AttributeNames EXPECT_NAT = AttributeNames.of("CTA_EXPECT_NAT_UNSPEC",
            "CTA_EXPECT_NAT_DIR", "CTA_EXPECT_NAT_TUPLE");
    public static final AttributeNames STATS_EXP = AttributeNames.of("CTA_STATS_EXP_UNSPEC", "CTA_STATS_EXP_NEW",
            "CTA_STATS_EXP_CREATE", "CTA_STATS_EXP_DELETE");

    private CtnetlinkNames() {
    }
}
