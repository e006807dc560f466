package io.jconntrack.api;

/** The request/reply pairs the kernel's ICMP and ICMPv6 trackers invert ({@code invmap} in nf_conntrack_proto_icmp*.c). */
final class IcmpTypes {
    // ICMP: echo, timestamp, info request, address mask (RFC 792, RFC 950)
    private static final int[][] ICMP_PAIRS = {{8, 0}, {13, 14}, {15, 16}, {17, 18}};
    // ICMPv6: echo, node information (RFC 4443, RFC 4620)
    private static final int[][] ICMPV6_PAIRS = {{128, 129}, {139, 140}};

    private IcmpTypes() {
    }

    static int replyType(Protocol protocol, int type) {
        int[][] pairs = protocol.equals(Protocol.ICMPV6) ? ICMPV6_PAIRS : ICMP_PAIRS;
        for (int[] pair : pairs) {
            if (pair[0] == type) {
                return pair[1];
            }
            if (pair[1] == type) {
                return pair[0];
            }
        }
        throw new IllegalArgumentException("icmpType: " + type + " has no reply type; give the reply tuple explicitly");
    }
}
