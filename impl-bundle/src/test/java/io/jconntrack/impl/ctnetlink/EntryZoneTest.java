package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_MARK;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_ORIG;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_REPLY;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_ZONE;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_ZONE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.junit.Test;

/** Reading only the zone of an entry message gives what the full decode gives, with the same length checks. */
public class EntryZoneTest {
    private static final Tuple ORIGINAL = tuple("192.0.2.1", "198.51.100.1", 1, 2);
    private static final Tuple REPLY = tuple("198.51.100.1", "192.0.2.1", 2, 1);

    /** An entry message with both tuples, each carrying {@code CTA_TUPLE_ZONE} when its zone is not -1. */
    private static MessageCursor message(int originalZone, int replyZone, Consumer<MessageWriter> rest)
            throws Exception {
        MessageWriter w = new MessageWriter(64);
        w.begin(NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW), 0, 1);
        new NfGenMsg(2, 0, 0).encode(w);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, ORIGINAL, originalZone);
        TupleCodec.encode(w, CTA_TUPLE_REPLY, REPLY, replyZone);
        w.putBe32(CTA_MARK, 1);
        rest.accept(w);
        w.end();
        MessageCursor m = new MessageCursor(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
        assertTrue("one message", m.next());
        return m;
    }

    private static void assertAgrees(MessageCursor m, int id, ZoneDirection direction) throws Exception {
        EntryZone z = EntryZone.decode(m);
        assertEquals(new EntryZone(id, direction), z);
        ConntrackEntry e = EntryCodec.decode(m);
        assertEquals("the full decode's zone", id, e.zone());
        assertEquals("the full decode's direction", direction, e.zoneDirection());
    }

    @Test
    public void aZoneOfBothDirectionsIsTheTopLevelZone() throws Exception {
        MessageCursor m = message(-1, -1, w -> w.putBe16(CTA_ZONE, 7));
        assertAgrees(m, 7, ZoneDirection.BOTH);
        assertTrue(EntryZone.decode(m).shared());
    }

    @Test
    public void aZoneOfOneDirectionIsInThatTupleOnly() throws Exception {
        assertAgrees(message(7, -1, w -> { }), 7, ZoneDirection.ORIGINAL);
        assertAgrees(message(-1, 7, w -> { }), 7, ZoneDirection.REPLY);
        assertFalse(EntryZone.decode(message(-1, 7, w -> { })).shared());
    }

    @Test
    public void noZoneAttributeIsTheDefaultZone() throws Exception {
        assertAgrees(message(-1, -1, w -> { }), 0, ZoneDirection.BOTH);
    }

    @Test
    public void aFourByteZoneIsMalformedAtTopLevelAndInATuple() throws Exception {
        MessageCursor top = message(-1, -1, w -> w.putBe32(CTA_ZONE, 0x0001_0002L));
        assertEquals("CTA_ZONE has 4 bytes, expected 2",
                assertThrows(MalformedMessageException.class, () -> EntryZone.decode(top)).getMessage());
        MessageWriter w = new MessageWriter(64);
        w.begin(NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW), 0, 1);
        new NfGenMsg(2, 0, 0).encode(w);
        int tuple = w.beginNested(CTA_TUPLE_ORIG);
        w.putBe32(CTA_TUPLE_ZONE, 7);
        w.endNested(tuple);
        w.end();
        MessageCursor inTuple = new MessageCursor(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
        assertTrue(inTuple.next());
        assertEquals("CTA_TUPLE_ZONE has 4 bytes, expected 2",
                assertThrows(MalformedMessageException.class, () -> EntryZone.decode(inTuple)).getMessage());
    }

    @Test
    public void aMessageWithoutTheOriginalTupleIsMalformed() throws Exception {
        MessageWriter w = new MessageWriter(64);
        w.begin(NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW), 0, 1);
        new NfGenMsg(2, 0, 0).encode(w);
        w.putBe16(CTA_ZONE, 7);
        w.end();
        MessageCursor m = new MessageCursor(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
        assertTrue(m.next());
        assertEquals("conntrack message without CTA_TUPLE_ORIG",
                assertThrows(MalformedMessageException.class, () -> EntryZone.decode(m)).getMessage());
    }

    private static Tuple tuple(String src, String dst, int sport, int dport) {
        try {
            return Tuple.tcp(InetAddress.getByName(src), InetAddress.getByName(dst), sport, dport);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
