package io.jconntrack.impl.ctnetlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Decodes messages captured from a Linux 6.18 kernel (x86_64): a dump of six entries made with {@code conntrack -I}
 * (accounting and timestamps on), its NLMSG_DONE, an ENOENT error and a statistics reply.
 */
public class GoldenMessagesTest {

    static ByteBuffer golden(String name) throws IOException {
        try (InputStream in = GoldenMessagesTest.class.getResourceAsStream("/golden/" + name)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.nativeOrder());
        }
    }

    static List<ConntrackEntry> decodeAll(ByteBuffer buf) throws MalformedMessageException {
        List<ConntrackEntry> out = new ArrayList<>();
        MessageCursor m = new MessageCursor(buf);
        while (m.next()) {
            if (m.type() == NfnetlinkConstants.ctnetlinkType(CtnetlinkConstants.IPCTNL_MSG_CT_NEW)) {
                out.add(EntryCodec.decode(m));
            }
        }
        return out;
    }

    private static ConntrackEntry find(List<ConntrackEntry> entries, Protocol p, AddressFamily f) {
        return entries.stream().filter(e -> e.protocol().equals(p) && e.family() == f).findFirst().orElseThrow();
    }

    @Test
    public void decodesEveryEntryOfARealDump() throws Exception {
        List<ConntrackEntry> entries = decodeAll(golden("dump-1.bin"));
        assertEquals(6, entries.size());

        ConntrackEntry tcp = find(entries, Protocol.TCP, AddressFamily.IPV4);
        assertEquals("192.0.2.1", tcp.original().source().getHostAddress());
        assertEquals("198.51.100.1", tcp.original().destination().getHostAddress());
        assertEquals(1, tcp.original().sourcePort());
        assertEquals(2, tcp.original().destinationPort());
        assertEquals(tcp.original().inverse(), tcp.reply());
        assertEquals(5, tcp.zone());
        assertEquals(6, tcp.mark()); // conntrack 1.4.7 stored 6 for "-m 7 -u ASSURED,SEEN_REPLY"; its -L shows 6 too
        assertEquals(TcpState.ESTABLISHED, tcp.tcpState());
        assertTrue("ASSURED in " + tcp.status(), tcp.hasStatus(StatusFlag.ASSURED));
        assertTrue("SEEN_REPLY in " + tcp.status(), tcp.hasStatus(StatusFlag.SEEN_REPLY));
        assertTrue("CONFIRMED in " + tcp.status(), tcp.hasStatus(StatusFlag.CONFIRMED));
        assertTrue("timeout " + tcp.timeout(), tcp.timeout() > 1200 && tcp.timeout() <= 1234);
        assertNotNull(tcp.originalCounters());
        assertEquals(0, tcp.originalCounters().packets());
        assertNotNull(tcp.start());
        assertNull(tcp.stop());
        assertTrue("the kernel's id is decoded", tcp.id() != 0);
        assertEquals(1, tcp.use());

        ConntrackEntry icmp = find(entries, Protocol.ICMP, AddressFamily.IPV4);
        assertEquals(8, icmp.original().icmpType());
        assertEquals(0, icmp.original().icmpCode());
        assertEquals(3333, icmp.original().icmpId());
        assertEquals(0, icmp.reply().icmpType());
        assertFalse("no SEEN_REPLY in " + icmp.status(), icmp.hasStatus(StatusFlag.SEEN_REPLY));

        ConntrackEntry icmp6 = find(entries, Protocol.ICMPV6, AddressFamily.IPV6);
        assertEquals(128, icmp6.original().icmpType());
        assertEquals(129, icmp6.reply().icmpType());
        assertEquals(77, icmp6.original().icmpId());

        ConntrackEntry tcp6 = find(entries, Protocol.TCP, AddressFamily.IPV6);
        assertEquals("2001:db8:0:0:0:0:0:1", tcp6.original().source().getHostAddress());
        assertEquals(9, tcp6.zone());
        assertEquals(TcpState.SYN_SENT, tcp6.tcpState());
        assertEquals(443, tcp6.original().destinationPort());

        ConntrackEntry udp = find(entries, Protocol.UDP, AddressFamily.IPV4);
        assertEquals(53, udp.original().sourcePort());
        assertEquals(5353, udp.original().destinationPort());
        assertNull(udp.tcpState());

        ConntrackEntry sctp = find(entries, Protocol.SCTP, AddressFamily.IPV4);
        assertEquals(SctpState.ESTABLISHED, sctp.sctpState());
        // CTA_PROTOINFO_SCTP_VTAG_* are be32; conntrack 1.4.7 sent "--orig-vtag 10" in host (little-endian) order.
        assertEquals(Integer.toUnsignedLong(Integer.reverseBytes(10)), sctp.sctpOriginalVtag());
        assertEquals(Integer.toUnsignedLong(Integer.reverseBytes(11)), sctp.sctpReplyVtag());
    }

    @Test
    public void doneEndsTheDump() throws Exception {
        MessageCursor m = new MessageCursor(golden("dump-2.bin"));
        assertTrue("one message", m.next());
        assertEquals(NetlinkConstants.NLMSG_DONE, m.type());
        assertFalse("nothing after NLMSG_DONE", m.next());
    }

    @Test
    public void errorCarriesErrnoAndSequence() throws Exception {
        MessageCursor m = new MessageCursor(golden("error-enoent.bin"));
        assertTrue("one message", m.next());
        assertEquals(NetlinkConstants.NLMSG_ERROR, m.type());
        NetlinkError e = NetlinkError.decode(m);
        assertEquals(2, e.errno());
        assertEquals(m.seq(), e.requestSeq());
        assertFalse("an error, not an acknowledgement", e.isAck());
    }

    @Test
    public void statisticsReply() throws Exception {
        MessageCursor m = new MessageCursor(golden("stats.bin"));
        assertTrue("one message", m.next());
        StatisticsCodec.Global s = StatisticsCodec.decodeGlobal(m);
        assertEquals(6, s.entries());
        assertEquals(262144, s.maxEntries());
    }
}
