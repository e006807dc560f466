package io.jconntrack.impl.ctnetlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.api.ConntrackEntry;
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
        Requests.create(w, 42, Requests.ACKED, e);
        ByteBuffer buf = ByteBuffer.wrap(w.toByteArray()).order(ByteOrder.nativeOrder());
        MessageCursor m = new MessageCursor(buf);
        assertTrue("one message", m.next());
        assertEquals(42, m.seq());
        assertEquals(0x100, m.type());
        int flags = NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK | NetlinkConstants.NLM_F_CREATE
                | NetlinkConstants.NLM_F_EXCL;
        assertEquals(flags, m.flags());
        ConntrackEntry back = EntryCodec.decode(m);
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
}
