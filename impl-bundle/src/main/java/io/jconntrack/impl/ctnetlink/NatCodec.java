package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.NatTarget;
import io.jconntrack.impl.netlink.MessageWriter;

/**
 * Encodes {@code CTA_NAT_SRC}/{@code CTA_NAT_DST} of a create request: a one-address range (min = max) and, when a
 * port is given, a one-port range, as libnetfilter_conntrack sends the tool's {@code --src-nat}/{@code --dst-nat}.
 * Nothing decodes it: the kernel reports NAT through the reply tuple and the status bits.
 */
public final class NatCodec {
    private NatCodec() {
    }

    /** Writes the nest {@code type} ({@code CTA_NAT_SRC} or {@code CTA_NAT_DST}). */
    public static void encode(MessageWriter w, int type, NatTarget nat) {
        int nest = w.beginNested(type);
        byte[] address = nat.address().getAddress();
        boolean v6 = AddressFamily.of(nat.address()) == AddressFamily.IPV6;
        w.putBytes(v6 ? CTA_NAT_V6_MINIP : CTA_NAT_V4_MINIP, address);
        w.putBytes(v6 ? CTA_NAT_V6_MAXIP : CTA_NAT_V4_MAXIP, address);
        if (nat.port() != null) {
            int proto = w.beginNested(CTA_NAT_PROTO);
            w.putBe16(CTA_PROTONAT_PORT_MIN, nat.port());
            w.putBe16(CTA_PROTONAT_PORT_MAX, nat.port());
            w.endNested(proto);
        }
        w.endNested(nest);
    }
}
