package io.jconntrack.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.TcpState;
import io.jconntrack.impl.ctnetlink.CtnetlinkConstants;
import io.jconntrack.impl.ctnetlink.NfnetlinkConstants;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.Test;

/** What a dump or flush request sends of a filter, depending on the kernel version. */
public class KernelFilterTest {

    @Test
    public void kernelFilterAppliesOnlyWhatTheKernelKnows() throws Exception {
        ConntrackFilter zone = ConntrackFilter.zone(3);
        assertTrue("zone flush from 6.8", KernelFilter.forFlush(zone, new KernelFeatures(6, 8, true)).complete());
        assertFalse("zone flush before 6.8 would flush everything for zone 0",
                KernelFilter.forFlush(zone, new KernelFeatures(6, 7, true)).complete());
        assertFalse("kernel filters turned off",
                KernelFilter.forFlush(zone, new KernelFeatures(6, 18, false)).complete());
        ConntrackFilter host = ConntrackFilter.builder().source("192.0.2.1").protocol(Protocol.TCP)
                .destinationPort(80).build();
        assertTrue("tuple-filtered flush from 6.11", KernelFilter.forFlush(host, new KernelFeatures(6, 11, true))
                .complete());
        assertFalse("not before 6.11", KernelFilter.forFlush(host, new KernelFeatures(6, 10, true)).complete());
        ConntrackFilter protocolOnly = ConntrackFilter.builder().protocol(Protocol.UDP).build();
        assertFalse("a tuple filter needs a family", KernelFilter.forFlush(protocolOnly,
                new KernelFeatures(6, 18, true)).complete());
        assertTrue("a protocol with a family", KernelFilter.forFlush(protocolOnly.toBuilder()
                .family(io.jconntrack.api.AddressFamily.IPV4)
                .build(), new KernelFeatures(6, 18, true)).complete());
        assertFalse("a zone dump is only known to be filtered from 6.8: a count must not trust it before",
                KernelFilter.forDump(zone, new KernelFeatures(6, 1, true)).complete());
        assertTrue("a zone dump from 6.8", KernelFilter.forDump(zone, new KernelFeatures(6, 8, true)).complete());
        ConntrackFilter masked = ConntrackFilter.builder().mark(0x10, 0xF0).build();
        assertFalse("5.8-5.11 ignored the mark mask", KernelFilter.forDump(masked,
                new KernelFeatures(5, 10, true)).complete());
        assertFalse("a masked mark flush before 5.12",
                KernelFilter.forFlush(masked, new KernelFeatures(5, 10, true)).complete());
        assertTrue("a masked mark flush from 5.12",
                KernelFilter.forFlush(masked, new KernelFeatures(5, 12, true)).complete());
        assertTrue("an unmasked mark flush on 5.10", KernelFilter.forFlush(ConntrackFilter.builder().mark(7).build(),
                new KernelFeatures(5, 10, true)).complete());
        ConntrackFilter v6host = ConntrackFilter.builder().destination("2001:db8::10").build();
        assertFalse("IPv6 addresses are matched in Java", KernelFilter.forFlush(v6host,
                new KernelFeatures(6, 18, true)).complete());
        ConntrackFilter cidr = ConntrackFilter.builder().source("192.0.2.0/24").build();
        assertFalse("the kernel compares whole addresses only",
                KernelFilter.forFlush(cidr, new KernelFeatures(6, 18, true)).complete());
        ConntrackFilter sctpPort = ConntrackFilter.builder().protocol(Protocol.SCTP).sourcePort(5).build();
        assertFalse("SCTP ports are matched in Java",
                KernelFilter.forFlush(sctpPort, new KernelFeatures(6, 18, true)).complete());
        ConntrackFilter state = ConntrackFilter.builder().tcpState(TcpState.ESTABLISHED).build();
        assertFalse("TCP states are matched in Java",
                KernelFilter.forFlush(state, new KernelFeatures(6, 18, true)).complete());
    }

    @Test
    public void flushFilterEncodesMarkMaskedAndVersionOne() throws Exception {
        ConntrackFilter f = ConntrackFilter.builder().mark(0x1234, 0xFF).build();
        MessageWriter w = new MessageWriter(16);
        Requests.flush(w, 1, Requests.ACKED, KernelFilter.forFlush(f, new KernelFeatures(6, 18, true)).selection());
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder());
        assertEquals(NfnetlinkConstants.NFNETLINK_V1, buf.get(17));
        AttributeCursor c = new AttributeCursor(buf, 20, buf.limit());
        assertTrue("CTA_MARK", c.next());
        assertEquals(CtnetlinkConstants.CTA_MARK, c.type());
        assertEquals(0x34, c.be32());
        assertTrue("CTA_MARK_MASK", c.next());
        assertEquals(CtnetlinkConstants.CTA_MARK_MASK, c.type());
        assertEquals(0xFF, c.be32());
        assertFalse("no other attribute", c.next());
    }

    @Test
    public void replyFieldsNarrowADumpButNeverMakeAFilterComplete() throws Exception {
        ConntrackFilter f = ConntrackFilter.builder().protocol(Protocol.TCP).replySource("198.51.100.1")
                .replyDestinationPort(80).build();
        KernelFilter dump = KernelFilter.forDump(f, new KernelFeatures(6, 18, true));
        assertFalse("reply fields are rechecked in Java", dump.complete());
        assertFalse("nor complete for a flush", KernelFilter.forFlush(f, new KernelFeatures(6, 18, true)).complete());
        MessageWriter w = new MessageWriter(16);
        Requests.dump(w, 1, Requests.UNACKED, dump.selection());
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder());
        AttributeCursor c = new AttributeCursor(buf, 20, buf.limit());
        assertTrue("a CTA_FILTER", c.next());
        assertEquals(CtnetlinkConstants.CTA_FILTER, c.type());
        AttributeCursor flags = c.nested();
        assertTrue("orig flags", flags.next());
        assertEquals(CtnetlinkConstants.CTA_FILTER_ORIG_FLAGS, flags.type());
        assertEquals(CtnetlinkConstants.CTA_FILTER_F_CTA_PROTO_NUM, flags.u32());
        assertTrue("reply flags", flags.next());
        assertEquals(CtnetlinkConstants.CTA_FILTER_REPLY_FLAGS, flags.type());
        assertEquals(CtnetlinkConstants.CTA_FILTER_F_CTA_IP_SRC | CtnetlinkConstants.CTA_FILTER_F_CTA_PROTO_NUM
                | CtnetlinkConstants.CTA_FILTER_F_CTA_PROTO_DST_PORT, flags.u32());
        assertTrue("the original tuple", c.next());
        assertEquals(CtnetlinkConstants.CTA_TUPLE_ORIG, c.type());
        assertTrue("the reply tuple", c.next());
        assertEquals(CtnetlinkConstants.CTA_TUPLE_REPLY, c.type());
        assertFalse("nothing else", c.next());
        ConntrackFilter v6 = ConntrackFilter.builder().replySource("2001:db8::1").build();
        assertEquals("IPv6 reply addresses stay in Java", 0,
                KernelFilter.forDump(v6, new KernelFeatures(6, 18, true)).selection().reply().flags());
    }

    @Test
    public void aSharedZoneNarrowsADumpButIsNeverTrustedAlone() {
        KernelFeatures k = new KernelFeatures(6, 18, true);
        ConntrackFilter five = ConntrackFilter.builder().sharedZone(5).build();
        assertEquals("the kernel's either-direction zone narrows the dump", Integer.valueOf(5),
                KernelFilter.forDump(five, k).selection().zone());
        assertFalse("but entries zoned in one direction must be dropped in Java",
                KernelFilter.forDump(five, k).complete());
        assertFalse("and a flush never trusts it", KernelFilter.forFlush(five, k).complete());
        assertEquals("zone 0 shared also selects entries of other zones in one direction: not sent", null,
                KernelFilter.forDump(ConntrackFilter.builder().sharedZone(0).build(), k).selection().zone());
    }
}
