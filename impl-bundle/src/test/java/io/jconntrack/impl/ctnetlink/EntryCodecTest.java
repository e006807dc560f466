package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_MARK;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TUPLE_ORIG;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_ZONE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.junit.Test;

/** Fixed-size ctnetlink attributes of the wrong length fail decoding, naming the attribute as the header does. */
public class EntryCodecTest {

    /** An entry message: a TCP original tuple, then whatever {@code rest} writes. */
    private static MessageCursor message(Consumer<MessageWriter> rest) throws Exception {
        MessageWriter w = new MessageWriter(64);
        w.begin(NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW), 0, 1);
        new NfGenMsg(2, 0, 0).encode(w);
        TupleCodec.encode(w, CTA_TUPLE_ORIG, Tuple.tcp(InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("198.51.100.1"), 1, 2));
        rest.accept(w);
        w.end();
        MessageCursor m = new MessageCursor(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
        assertTrue("one message", m.next());
        return m;
    }

    @Test
    public void aZoneOfTheRightSizeDecodes() throws Exception {
        ConntrackEntry e = EntryCodec.decode(message(w -> w.putBe16(CTA_ZONE, 7)));
        assertEquals(7, e.zone());
    }

    @Test
    public void aFourByteZoneIsMalformedNotItsFirstTwoBytes() throws Exception {
        MessageCursor m = message(w -> w.putBe32(CTA_ZONE, 0x0001_0002L));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> EntryCodec.decode(m));
        assertEquals("CTA_ZONE has 4 bytes, expected 2", e.getMessage());
    }

    @Test
    public void aTwoByteMarkIsMalformed() throws Exception {
        MessageCursor m = message(w -> w.putBe16(CTA_MARK, 1));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> EntryCodec.decode(m));
        assertEquals("CTA_MARK has 2 bytes, expected 4", e.getMessage());
    }

    @Test
    public void aNestedAttributeIsNamedInItsOwnSpace() throws Exception {
        MessageWriter w = new MessageWriter(64);
        w.begin(NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW), 0, 1);
        new NfGenMsg(2, 0, 0).encode(w);
        int tuple = w.beginNested(CTA_TUPLE_ORIG);
        int ip = w.beginNested(CtnetlinkConstants.CTA_TUPLE_IP);
        w.putBytes(CtnetlinkConstants.CTA_IP_V4_SRC, new byte[] {(byte) 192, 0, 2, 1, 0, 0});
        w.endNested(ip);
        w.endNested(tuple);
        w.end();
        MessageCursor m = new MessageCursor(ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder()));
        assertTrue("one message", m.next());
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> EntryCodec.decode(m));
        assertEquals("CTA_IP_V4_SRC has 6 bytes, expected 4", e.getMessage());
    }
}
