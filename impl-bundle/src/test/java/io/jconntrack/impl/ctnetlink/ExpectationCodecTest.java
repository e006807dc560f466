package io.jconntrack.impl.ctnetlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.ExpectationNat;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkConstants;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.Test;

/**
 * An expectation create request has the layout of the kernel's expectation messages ({@code IPCTNL_MSG_EXP_NEW} in
 * subsystem 2), so decoding it gives the expectation back; decoding checks lengths; a delete carries key and id.
 */
public class ExpectationCodecTest {
    private static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static MessageCursor message(MessageWriter w) throws Exception {
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder());
        MessageCursor m = new MessageCursor(buf);
        assertTrue("one message", m.next());
        return m;
    }

    @Test
    public void everyFieldRoundTrips() throws Exception {
        Expectation x = Expectation.builder(Tuple.udp(a("2001:db8::2"), a("2001:db8::1"), 5060, 5060),
                        Tuple.udp(a("2001:db8::1"), a("2001:db8::2"), 0, 7000))
                .mask(Tuple.udp(a("ffff:ffff:ffff:ffff::"), a("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 0, 65535))
                .timeout(60).zone(7).helper("sip").expectationClass(1)
                .flags(ExpectationFlag.PERMANENT, ExpectationFlag.INACTIVE)
                .nat(new ExpectationNat(true, Tuple.udp(a("2001:db8::9"), a("::"), 7001, 0)))
                .function("nat-follow-master").build();
        MessageWriter w = new MessageWriter(16);
        ExpectationRequests.create(w, 7, io.jconntrack.impl.ctnetlink.Requests.ACKED, x);
        MessageCursor m = message(w);
        assertEquals(0x200, m.type());
        assertEquals(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK | NetlinkConstants.NLM_F_CREATE
                | NetlinkConstants.NLM_F_EXCL, m.flags());
        assertEquals(x, ExpectationCodec.decode(m, new AddressCache()));
    }

    @Test
    public void theDefaultMaskComparesTheSourceExactly() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(a("192.0.2.2"), a("192.0.2.1"), 40001, 21),
                Tuple.tcp(a("192.0.2.1"), a("192.0.2.2"), 0, 50000)).timeout(5).build();
        assertEquals(Tuple.tcp(a("255.255.255.255"), a("255.255.255.255"), 65535, 65535), x.mask());
        MessageWriter w = new MessageWriter(16);
        ExpectationRequests.create(w, 1, io.jconntrack.impl.ctnetlink.Requests.ACKED, x);
        assertEquals(x, ExpectationCodec.decode(message(w), new AddressCache()));
    }

    @Test
    public void aDeleteCarriesTupleZoneAndId() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(a("192.0.2.2"), a("192.0.2.1"), 40001, 21),
                Tuple.tcp(a("192.0.2.1"), a("192.0.2.2"), 0, 50000)).zone(3).id(0xDEADBEEFL).build();
        MessageWriter w = new MessageWriter(16);
        ExpectationRequests.delete(w, 1, io.jconntrack.impl.ctnetlink.Requests.ACKED, x);
        MessageCursor m = message(w);
        assertEquals(0x200 | CtnetlinkConstants.IPCTNL_MSG_EXP_DELETE, m.type());
        AttributeCursor c = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.EXPECT);
        assertTrue(c.next());
        assertEquals(CtnetlinkConstants.CTA_EXPECT_TUPLE, c.type());
        assertEquals(x.expected(), TupleCodec.decode(c, null));
        assertTrue(c.next());
        assertEquals(CtnetlinkConstants.CTA_EXPECT_ZONE, c.type());
        assertEquals(3, c.be16());
        assertTrue(c.next());
        assertEquals(CtnetlinkConstants.CTA_EXPECT_ID, c.type());
        assertEquals(0xDEADBEEFL, c.be32());
        assertFalse(c.next());
    }

    @Test
    public void aFlushOfOneHelperNamesIt() throws Exception {
        MessageWriter w = new MessageWriter(16);
        ExpectationRequests.flush(w, 1, io.jconntrack.impl.ctnetlink.Requests.ACKED, "ftp");
        MessageCursor m = message(w);
        AttributeCursor c = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.EXPECT);
        assertTrue(c.next());
        assertEquals(CtnetlinkConstants.CTA_EXPECT_HELP_NAME, c.type());
        assertEquals(4, c.payloadLength()); // NUL-terminated, as nla_put_string
        assertEquals("ftp", c.string());
        assertFalse(c.next());
    }

    @Test
    public void aTruncatedMessageIsMalformedNamingTheAttribute() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(a("192.0.2.2"), a("192.0.2.1"), 40001, 21),
                Tuple.tcp(a("192.0.2.1"), a("192.0.2.2"), 0, 50000)).timeout(5).build();
        MessageWriter w = new MessageWriter(16);
        ExpectationRequests.create(w, 1, io.jconntrack.impl.ctnetlink.Requests.ACKED, x);
        byte[] bytes = w.toByteArray();
        // CTA_EXPECT_TIMEOUT (be32) made 2 bytes long: its header says 6.
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int at = -1;
        for (int i = 20; i + 4 <= bytes.length; i += 4) {
            if (buf.getShort(i) == 8 && buf.getShort(i + 2) == CtnetlinkConstants.CTA_EXPECT_TIMEOUT) {
                at = i;
                break;
            }
        }
        assertTrue("timeout attribute found", at > 0);
        buf.putShort(at, (short) 6);
        MessageCursor m = new MessageCursor(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length))
                .order(ByteOrder.nativeOrder()));
        assertTrue(m.next());
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> ExpectationCodec.decode(m, new AddressCache()));
        assertTrue(e.getMessage(), e.getMessage().contains("CTA_EXPECT_TIMEOUT"));
    }

    @Test
    public void anEntryCreatedWithAHelperCarriesIt() throws Exception {
        io.jconntrack.api.ConntrackEntry e = io.jconntrack.api.ConntrackEntry.builder(
                Tuple.tcp(a("192.0.2.2"), a("192.0.2.1"), 40001, 21)).timeout(5).helper("ftp").build();
        MessageWriter w = new MessageWriter(16);
        Requests.create(w, 1, Requests.ACKED, e);
        assertEquals(e, EntryCodec.decode(message(w)));
    }

    @Test
    public void theKernelsPerCpuCountersDecode() throws Exception {
        MessageWriter w = new MessageWriter(16);
        w.begin(0x100 | CtnetlinkConstants.IPCTNL_MSG_EXP_GET_STATS_CPU, 0, 1);
        new NfGenMsg(0, 0, 1).encode(w);
        w.putBe32(CtnetlinkConstants.CTA_STATS_EXP_NEW, 1).putBe32(CtnetlinkConstants.CTA_STATS_EXP_CREATE, 2)
                .putBe32(CtnetlinkConstants.CTA_STATS_EXP_DELETE, 3);
        w.end();
        assertEquals(new io.jconntrack.api.ExpectationStatistics(1, 1, 2, 3),
                ExpectationCodec.decodeStatistics(message(w)));
    }
}
