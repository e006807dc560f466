package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.Counters;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;

/**
 * Decodes {@code CTA_COUNTERS_ORIG}/{@code CTA_COUNTERS_REPLY} (64-bit counters, or the 32-bit ones of old
 * kernels). Nothing encodes counters: user space cannot set them.
 */
public final class CountersCodec {
    private CountersCodec() {
    }

    public static Counters decode(AttributeCursor a) throws MalformedMessageException {
        long packets = 0;
        long bytes = 0;
        AttributeCursor c = a.nested(CtnetlinkNames.COUNTERS);
        while (c.next()) {
            switch (c.type()) {
                case CTA_COUNTERS_PACKETS: packets = c.be64(); break;
                case CTA_COUNTERS_BYTES: bytes = c.be64(); break;
                case CTA_COUNTERS32_PACKETS: packets = c.be32(); break;
                case CTA_COUNTERS32_BYTES: bytes = c.be32(); break;
                default: break;
            }
        }
        return new Counters(packets, bytes);
    }
}
