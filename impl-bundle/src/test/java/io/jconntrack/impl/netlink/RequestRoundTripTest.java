package io.jconntrack.impl.netlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** A create request has the layout of the kernel's entry messages, so decoding it must give the entry back. */
public class RequestRoundTripTest {

    private static InetAddress a(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static ConntrackEntry roundTrip(ConntrackEntry e) throws Exception {
        MessageWriter w = new MessageWriter(16);
        Requests.create(w, 42, e);
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder());
        MessageCursor m = new MessageCursor(buf);
        assertTrue("one message", m.next());
        assertEquals(42, m.seq());
        assertEquals(0x100, m.type());
        int flags = NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK | NetlinkConstants.NLM_F_CREATE
                | NetlinkConstants.NLM_F_EXCL;
        assertEquals(flags, m.flags());
        ConntrackEntry back = EntryDecoder.decode(m);
        assertFalse("and only one", m.next());
        return back;
    }

    @Test
    public void everyProtocolRoundTrips() throws Exception {
        List<ConntrackEntry> entries = List.of(
                ConntrackEntry.builder(Tuple.tcp(a("192.0.2.1"), a("198.51.100.1"), 1, 2)).timeout(1234).zone(7)
                        .mark(0xFFFF_FFFFL).tcpState(TcpState.ESTABLISHED)
                        .status(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY, StatusFlag.CONFIRMED).build(),
                ConntrackEntry.builder(Tuple.udp(a("2001:db8::1"), a("2001:db8::2"), 65535, 0)).timeout(0).build(),
                ConntrackEntry.builder(Tuple.icmp(a("192.0.2.1"), a("198.51.100.1"), 8, 0, 3333)).timeout(30)
                        .zone(65535).build(),
                ConntrackEntry.builder(Tuple.icmp(a("2001:db8::1"), a("2001:db8::2"), 128, 0, 1)).timeout(30)
                        .build(),
                ConntrackEntry.builder(Tuple.of(Protocol.SCTP, a("192.0.2.1"), a("198.51.100.1"), 5, 6))
                        .sctpState(SctpState.ESTABLISHED).sctpVtags(10, 0xFFFF_FFFFL).timeout(5).build(),
                ConntrackEntry.builder(Tuple.of(Protocol.UDPLITE, a("192.0.2.1"), a("198.51.100.1"), 5, 6))
                        .timeout(5).labels(Set.of(0, 31, 32, 127)).build(),
                ConntrackEntry.builder(Tuple.addressesOnly(Protocol.of(99), a("192.0.2.1"), a("198.51.100.1")))
                        .timeout(5).build(),
                // an IPv4-mapped IPv6 address stays IPv6
                ConntrackEntry.builder(Tuple.tcp(java.net.Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1}, -1), a("2001:db8::2"), 1, 2))
                        .timeout(5).build());
        for (ConntrackEntry e : entries) {
            assertEquals(e.toString(), e, roundTrip(e));
        }
    }

    @Test
    public void unchangeableStatusBitsAreNotSent() throws Exception {
        ConntrackEntry e = ConntrackEntry.builder(Tuple.tcp(a("192.0.2.1"), a("198.51.100.1"), 1, 2)).timeout(9)
                .status(StatusFlag.CONFIRMED, StatusFlag.ASSURED, StatusFlag.DYING).build();
        assertEquals(Set.of(StatusFlag.ASSURED, StatusFlag.CONFIRMED), roundTrip(e).status());
    }

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
        Requests.flush(w, 1, KernelFilter.forFlush(f, new KernelFeatures(6, 18, true)));
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
}
