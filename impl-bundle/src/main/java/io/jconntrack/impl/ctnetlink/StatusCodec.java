package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_STATUS;

import io.jconntrack.api.StatusFlag;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import java.util.Collection;
import java.util.EnumSet;

/** Encodes and decodes {@code CTA_STATUS}, the entry's {@code IPS_*} bits. */
public final class StatusCodec {
    /**
     * Status bits user space may not set ({@code IPS_UNCHANGEABLE_MASK}): dropped from create and update requests
     * so that an entry read from a dump (which has CONFIRMED set) can be written back.
     */
    public static final EnumSet<StatusFlag> UNCHANGEABLE = EnumSet.of(StatusFlag.SRC_NAT_DONE,
            StatusFlag.DST_NAT_DONE, StatusFlag.SRC_NAT, StatusFlag.DST_NAT, StatusFlag.EXPECTED,
            StatusFlag.CONFIRMED, StatusFlag.DYING, StatusFlag.SEQ_ADJUST, StatusFlag.TEMPLATE,
            StatusFlag.UNTRACKED, StatusFlag.OFFLOAD, StatusFlag.HW_OFFLOAD);

    private StatusCodec() {
    }

    /**
     * Writes the status of a create or update: the user-settable bits plus CONFIRMED. The kernel answers EBUSY when
     * the sent status differs from the entry's in EXPECTED, CONFIRMED or DYING, and the entry is already CONFIRMED
     * both when it is updated and when a create applies its status; libnetfilter_conntrack adds the bit for the same
     * reason.
     */
    public static void encodeSettable(MessageWriter w, Collection<StatusFlag> flags) {
        encodeChanged(w, flags, false);
    }

    /**
     * Writes the status of a change to a known entry: as {@link #encodeSettable}, keeping EXPECTED when the entry
     * has it (the kernel answers EBUSY when the sent EXPECTED bit differs from the entry's, as for a related FTP data
     * connection).
     */
    public static void encodeChanged(MessageWriter w, Collection<StatusFlag> flags, boolean expected) {
        EnumSet<StatusFlag> s = flags.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(flags);
        s.removeAll(UNCHANGEABLE);
        s.add(StatusFlag.CONFIRMED);
        if (expected) {
            s.add(StatusFlag.EXPECTED);
        }
        w.putBe32(CTA_STATUS, StatusFlag.toBits(s));
    }

    /** The {@code IPS_*} bits of the {@code CTA_STATUS} attribute the cursor is on. */
    public static long decode(AttributeCursor a) throws MalformedMessageException {
        return a.be32();
    }
}
