package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Counters;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The attributes of one conntrack entry: decoded from {@code IPCTNL_MSG_CT_NEW} as the kernel sends it in dumps,
 * replies and events; encoded for the requests that create, update, get or delete an entry.
 */
public final class EntryCodec {
    private EntryCodec() {
    }

    /** Attributes of a create: both tuples, timeout and zone always, the rest when set. */
    public static void encodeCreate(MessageWriter w, ConntrackEntry e) {
        ZoneDirection d = e.zoneDirection();
        TupleCodec.encode(w, CTA_TUPLE_ORIG, e.original(), d == ZoneDirection.ORIGINAL ? e.zone() : -1);
        TupleCodec.encode(w, CTA_TUPLE_REPLY, e.reply(), d == ZoneDirection.REPLY ? e.zone() : -1);
        w.putBe32(CTA_TIMEOUT, e.timeout());
        if (d == ZoneDirection.BOTH) {
            w.putBe16(CTA_ZONE, e.zone());
        }
        if (e.mark() != 0) {
            w.putBe32(CTA_MARK, e.mark());
        }
        if (!e.status().isEmpty()) {
            StatusCodec.encodeSettable(w, e.status());
        }
        ProtoInfoCodec.encode(w, e);
        if (!e.labels().isEmpty()) {
            LabelsCodec.encode(w, e.labels());
        }
        if (e.sourceNat() != null) {
            NatCodec.encode(w, CTA_NAT_SRC, e.sourceNat());
        }
        if (e.destinationNat() != null) {
            NatCodec.encode(w, CTA_NAT_DST, e.destinationNat());
        }
        if (e.helper() != null) {
            HelperCodec.encode(w, e.helper());
        }
    }

    /** Attributes of an update: the entry's key, then only what the update changes. */
    public static void encodeUpdate(MessageWriter w, ConntrackUpdate u) {
        encodeKey(w, u.original(), u.zone(), 0);
        if (u.timeout() != null) {
            w.putBe32(CTA_TIMEOUT, u.timeout());
        }
        if (u.mark() != null) {
            w.putBe32(CTA_MARK, u.mark());
        }
        if (u.status() != null) {
            StatusCodec.encodeSettable(w, u.status());
        }
        if (u.labels() != null) {
            LabelsCodec.encode(w, u.labels());
        }
        if (u.tcpState() != null) {
            ProtoInfoCodec.encodeTcp(w, u.tcpState());
        }
    }

    /**
     * Attributes of a change to a dumped entry: its key (guarded by its id), then the change with the kernel's masks
     * (new mark = (old & ~mask) ^ mark; labels changed only under their mask).
     */
    public static void encodeChange(MessageWriter w, ConntrackEntry e, ConntrackChange c) {
        encodeKey(w, e);
        if (c.timeout() != null) {
            w.putBe32(CTA_TIMEOUT, c.timeout());
        }
        if (c.mark() != null) {
            w.putBe32(CTA_MARK, c.mark());
            w.putBe32(CTA_MARK_MASK, c.markMask());
        }
        if (!c.status().isEmpty()) {
            EnumSet<StatusFlag> status = e.status();
            status.addAll(c.status());
            StatusCodec.encodeChanged(w, status, e.hasStatus(StatusFlag.EXPECTED));
        }
        if (!c.labelsToSet().isEmpty() || !c.labelsToClear().isEmpty()) {
            Set<Integer> mask = new HashSet<>(c.labelsToSet());
            mask.addAll(c.labelsToClear());
            LabelsCodec.encode(w, c.labelsToSet(), mask);
        }
    }

    /** The key of one entry: original tuple and zone; a non-zero id makes the kernel check it too. */
    public static void encodeKey(MessageWriter w, Tuple original, int zone, long id) {
        TupleCodec.encode(w, CTA_TUPLE_ORIG, original);
        w.putBe16(CTA_ZONE, zone);
        if (id != 0) {
            w.putBe32(CTA_ID, id);
        }
    }

    /** The key of a dumped entry, guarded by its id: its original tuple in the zone of its original direction. */
    public static void encodeKey(MessageWriter w, ConntrackEntry e) {
        encodeKey(w, e.original(), lookupZone(e), e.id());
    }

    /**
     * The zone to look an entry up by its original tuple: the kernel compares the zone id of the original direction,
     * which is 0 for an entry whose zone applies to the reply direction alone.
     */
    public static int lookupZone(ConntrackEntry e) {
        return e.zoneDirection() == ZoneDirection.REPLY ? 0 : e.zone();
    }

    /** Decodes the message the cursor is on: nfgenmsg, then the CTA_* attributes. */
    public static ConntrackEntry decode(MessageCursor m) throws MalformedMessageException {
        return decode(m, new AddressCache());
    }

    /** Decodes with an address cache kept across the messages of one dump or subscription. */
    public static ConntrackEntry decode(MessageCursor m, AddressCache cache) throws MalformedMessageException {
        int familyNumber = NfGenMsg.family(m);
        AddressFamily family = AddressFamily.fromNumber(familyNumber);
        if (family == null) {
            throw new MalformedMessageException("conntrack message of family " + familyNumber);
        }
        AttributeCursor a = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.CTA);
        Tuple original = null;
        Tuple reply = null;
        int zone = -1;
        int origZone = -1;
        int replyZone = -1;
        long mark = 0;
        long secmark = 0;
        long status = 0;
        long timeout = ConntrackEntry.NO_TIMEOUT;
        long id = 0;
        long use = 0;
        String helper = null;
        Counters origCounters = null;
        Counters replyCounters = null;
        TimestampCodec.Timestamps times = new TimestampCodec.Timestamps(null, null);
        List<Integer> labels = List.of();
        ProtoInfoCodec.ProtoInfo info = ProtoInfoCodec.ProtoInfo.NONE;
        while (a.next()) {
            switch (a.type()) {
                case CTA_TUPLE_ORIG:
                    original = TupleCodec.decode(a, family, cache);
                    origZone = TupleCodec.zone(a);
                    break;
                case CTA_TUPLE_REPLY:
                    reply = TupleCodec.decode(a, family, cache);
                    replyZone = TupleCodec.zone(a);
                    break;
                case CTA_ZONE: zone = a.be16(); break;
                case CTA_MARK: mark = a.be32(); break;
                case CTA_SECMARK: secmark = a.be32(); break;
                case CTA_STATUS: status = StatusCodec.decode(a); break;
                case CTA_TIMEOUT: timeout = a.be32(); break;
                case CTA_ID: id = a.be32(); break;
                case CTA_USE: use = a.be32(); break;
                case CTA_COUNTERS_ORIG: origCounters = CountersCodec.decode(a); break;
                case CTA_COUNTERS_REPLY: replyCounters = CountersCodec.decode(a); break;
                case CTA_LABELS: labels = LabelsCodec.decode(a); break;
                case CTA_HELP: helper = HelperCodec.decode(a); break;
                case CTA_TIMESTAMP: times = TimestampCodec.decode(a); break;
                case CTA_PROTOINFO: info = ProtoInfoCodec.decode(a); break;
                default:
                    break; // attributes this library does not model are skipped
            }
        }
        if (original == null) {
            throw new MalformedMessageException("conntrack message without CTA_TUPLE_ORIG");
        }
        // The kernel leaves the top-level CTA_ZONE out for the default zone and for a zone of one direction only,
        // which it puts in the tuples instead; the kernel's zone filters match such an entry by that id.
        EntryZone z = EntryZone.of(zone, origZone, replyZone);
        try {
            ConntrackEntry.Builder b = ConntrackEntry.builder(original).reply(reply).zone(z.id(), z.direction()).mark(mark)
                    .secmark(secmark)
                    .statusBits(status).timeout(timeout).id(id).use(use).helper(helper)
                    .counters(origCounters, replyCounters).timestamps(times.start(), times.stop()).labels(labels)
                    .sctpVtags(info.sctpVtagOriginal(), info.sctpVtagReply());
            // A protocol-state attribute of another protocol is inconsistent; it is dropped rather than trusted.
            String proto = original.protocol().name();
            b.tcpState("tcp".equals(proto) ? info.tcpState() : null);
            b.sctpState("sctp".equals(proto) ? info.sctpState() : null);
            b.dccpState("dccp".equals(proto) ? info.dccpState() : null);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("inconsistent entry: " + e.getMessage());
        }
    }
}
