package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_PROTO_NUM;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_ORIG;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_PROTO;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_ZONE;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.netlink.SocketFilter;
import java.util.List;

/**
 * The socket filter of an event subscription: drops, in the kernel, conntrack event messages the subscription does
 * not want, as libnetfilter_conntrack does: family, layer-4 protocol and zone. Everything else is filtered in Java.
 */
public final class EventFilterProgram {
    /** Offset of {@code nfgen_family} in nfgenmsg. */
    private static final int NFGEN_FAMILY_OFFSET = 0;

    private EventFilterProgram() {
    }

    /** The program for a selection, or {@code null} when the kernel has nothing to filter. */
    public static List<SocketFilter.Instruction> forSelection(ConntrackFilter f) {
        if (f.family() == null && f.protocol() == null && f.zone() == null) {
            return null;
        }
        SocketFilter p = new SocketFilter(NfGenMsg.SIZE);
        if (f.family() != null) {
            p.requireHeaderByte(NFGEN_FAMILY_OFFSET, f.family().number());
        }
        if (f.protocol() != null) {
            p.requireU8(f.protocol().number(), CTA_TUPLE_ORIG, CTA_TUPLE_PROTO, CTA_PROTO_NUM);
        }
        if (f.zone() != null) {
            // The kernel leaves CTA_ZONE out for the default zone: absent means zone 0.
            p.requireTopLevelU16(CTA_ZONE, f.zone(), f.zone() == 0);
        }
        return p.build();
    }
}
