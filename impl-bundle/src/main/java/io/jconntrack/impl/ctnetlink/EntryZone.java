package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_ORIG;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_REPLY;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_ZONE;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;

/**
 * An entry's zone id and the direction it applies to, as an entry message carries them: the kernel sends the
 * top-level {@code CTA_ZONE} for a zone of both directions and {@code CTA_TUPLE_ZONE} inside the one tuple whose
 * direction alone is zoned; the default zone 0 is sent as neither. {@link #decode} reads only these attributes, so a
 * dump that needs no more than the zone (the check before a shared-zone flush) skips decoding the entries.
 */
public record EntryZone(int id, ZoneDirection direction) {

    /** Whether the zone applies to both directions (what {@code conntrack -w} compares). */
    public boolean shared() {
        return direction == ZoneDirection.BOTH;
    }

    /**
     * The zone from the values of {@code CTA_ZONE} and of the original and reply tuples' {@code CTA_TUPLE_ZONE},
     * each -1 when absent.
     */
    static EntryZone of(int zone, int originalZone, int replyZone) {
        if (zone >= 0) {
            return new EntryZone(zone, ZoneDirection.BOTH);
        }
        if (originalZone >= 0) {
            return new EntryZone(originalZone, ZoneDirection.ORIGINAL);
        }
        if (replyZone >= 0) {
            return new EntryZone(replyZone, ZoneDirection.REPLY);
        }
        return new EntryZone(0, ZoneDirection.BOTH);
    }

    /**
     * Reads the zone of the entry message the cursor is on: nfgenmsg (its family checked as {@link EntryCodec} checks
     * it), then the top-level attributes, descending only into the two tuples. Lengths are checked as in a full
     * decode: a zone attribute that is not exactly 16 bits is malformed.
     */
    public static EntryZone decode(MessageCursor m) throws MalformedMessageException {
        int familyNumber = NfGenMsg.family(m);
        if (AddressFamily.fromNumber(familyNumber) == null) {
            throw new MalformedMessageException("conntrack message of family " + familyNumber);
        }
        AttributeCursor a = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.CTA);
        boolean original = false;
        int zone = -1;
        int originalZone = -1;
        int replyZone = -1;
        while (a.next()) {
            switch (a.type()) {
                case CTA_TUPLE_ORIG:
                    original = true;
                    originalZone = TupleCodec.zone(a);
                    break;
                case CTA_TUPLE_REPLY: replyZone = TupleCodec.zone(a); break;
                case CTA_ZONE: zone = a.be16(); break;
                default:
                    break;
            }
        }
        if (!original) {
            throw new MalformedMessageException("conntrack message without CTA_TUPLE_ORIG");
        }
        return of(zone, originalZone, replyZone);
    }
}
