package io.jconntrack.shell.format;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import java.nio.ByteOrder;
import org.junit.Test;

/** Expected lines are what {@code conntrack -L -o save} (1.4.7) printed for the {@link ToolFixtures}. */
public class SaveFormatTest {

    private static String save(ConntrackEntry e) {
        return SaveFormat.line(SaveFormat.ADD, e);
    }

    @Test
    public void statusZoneAndTcpState() {
        assertEquals("-A -t 299 -u SEEN_REPLY,ASSURED -w 5 -s 192.0.2.1 -d 198.51.100.1 -r 198.51.100.1 "
                + "-q 192.0.2.1 -p tcp --sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state ESTABLISHED",
                save(ToolFixtures.tcpZone5()));
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.1 -d 198.51.100.1 -r 198.51.100.1 -q 192.0.2.1 -p tcp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state SYN_SENT2",
                save(ToolFixtures.tcpListen()));
    }

    @Test
    public void zonesOfOneDirection() {
        assertEquals("-A -t 29 -u UNSET --orig-zone 7 -s 192.0.2.2 -d 198.51.100.2 -r 198.51.100.2 -q 192.0.2.2 "
                + "-p udp --sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1", save(ToolFixtures.udpOrigZone()));
        assertEquals("-A -t 29 -u UNSET --reply-zone 8 -s 192.0.2.3 -d 198.51.100.3 -r 198.51.100.3 -q 192.0.2.3 "
                + "-p udp --sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1", save(ToolFixtures.udpReplyZone()));
    }

    @Test
    public void translatedAddressesWithTheNatOptions() {
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.5 -d 198.51.100.5 -r 198.51.100.5 -n 203.0.113.5 -p tcp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state ESTABLISHED",
                save(ToolFixtures.tcpSnat()));
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.6 -d 198.51.100.6 -g 203.0.113.6 -q 192.0.2.6 -p tcp "
                + "--sport 1 --dport 2 --reply-port-src 8080 --reply-port-dst 1 --state ESTABLISHED",
                save(ToolFixtures.tcpDnat()));
        assertEquals("-A -t 299 -u UNSET -s 2001:db8::1 -d 2001:db8::2 -r 2001:db8::2 -n 2001:db8::9 -p tcp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 99 --state ESTABLISHED",
                save(ToolFixtures.tcp6Snat()));
    }

    @Test
    public void natNeedsTheDoneBitAndAnotherAddress() {
        // A port-only translation keeps -q: the library compares addresses only.
        ConntrackEntry portOnly = ToolFixtures.tcpSnat().toBuilder()
                .reply(Tuple.tcp(ip("198.51.100.5"), ip("192.0.2.5"), 2, 7)).build();
        assertEquals(true, save(portOnly).contains(" -r 198.51.100.5 -q 192.0.2.5 -p tcp"));
        ConntrackEntry notDone = ToolFixtures.tcpSnat().toBuilder().status(StatusFlag.CONFIRMED).build();
        assertEquals(true, save(notDone).contains(" -q 203.0.113.5 -p tcp"));
    }

    @Test
    public void protocolsWithTheirOptions() {
        assertEquals("-A -t 29 -u UNSET -s 192.0.2.4 -d 198.51.100.4 -r 198.51.100.4 -q 192.0.2.4 -p 99",
                save(ToolFixtures.generic99()));
        assertEquals("-A -t 29 -u UNSET -s 192.0.2.5 -d 198.51.100.5 -r 198.51.100.5 -q 192.0.2.5 -p icmp "
                + "--icmp-type 8 --icmp-code 0 --icmp-id 33", save(ToolFixtures.icmp()));
        assertEquals("-A -t 29 -u UNSET -s 2001:db8::5 -d 2001:db8::6 -r 2001:db8::6 -q 2001:db8::5 -p icmpv6 "
                + "--icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 44", save(ToolFixtures.icmpv6()));
        assertEquals("-A -t 29 -u UNSET -s 192.0.2.6 -d 198.51.100.6 -r 198.51.100.6 -q 192.0.2.6 -p udplite "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1", save(ToolFixtures.udplite()));
        // The vtags as a little-endian host's tool prints them.
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.2 -d 198.51.100.2 -r 198.51.100.2 -q 192.0.2.2 -p sctp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state ESTABLISHED --orig-vtag "
                + SaveFormat.toolVtag(0x1100_0000L, ByteOrder.nativeOrder()) + " --reply-vtag "
                + SaveFormat.toolVtag(0x1200_0000L, ByteOrder.nativeOrder()), save(ToolFixtures.sctp()));
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.4 -d 198.51.100.4 -r 198.51.100.4 -q 192.0.2.4 -p gre "
                + "--srckey 17 --dstkey 34 --reply-key-src 34 --reply-key-dst 17", save(ToolFixtures.gre()));
    }

    @Test
    public void dccpPortsOnlyWhereTheKernelTracksDccp() {
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.3 -d 198.51.100.3 -r 198.51.100.3 -q 192.0.2.3 -p dccp",
                save(ToolFixtures.dccpWithoutTracker()));
        assertEquals("-A -t 299 -u UNSET -s 192.0.2.3 -d 198.51.100.3 -r 198.51.100.3 -q 192.0.2.3 -p dccp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state OPEN",
                save(ToolFixtures.dccpTracked()));
    }

    @Test
    public void commandsAsTheToolWritesThem() {
        assertEquals(true, SaveFormat.line(SaveFormat.DELETE, ToolFixtures.icmp()).startsWith("-D -t 29 -u UNSET "));
        assertEquals(true, SaveFormat.line(SaveFormat.CREATE, ToolFixtures.icmp()).startsWith("-I -t 29 "));
        assertEquals(true, SaveFormat.line(null, ToolFixtures.icmp()).startsWith("-t 29 -u UNSET -s "));
    }

    @Test
    public void onlyTheStatusBitsTheToolNamesInBitOrder() {
        ConntrackEntry e = ToolFixtures.icmp().toBuilder().status(StatusFlag.values()).build();
        assertEquals(true, save(e).startsWith("-A -t 29 -u EXPECTED,SEEN_REPLY,ASSURED,FIXED_TIMEOUT -s "));
    }

    @Test
    public void markLabelsAndCountersAreNotSavedButSecmarkIs() {
        ConntrackEntry e = ToolFixtures.tcpAccounted().toBuilder().mark(5).labels(java.util.Set.of(1))
                .secmark(12).build();
        assertEquals("-A -t 298 -u SEEN_REPLY -c 12 -w 3 -s 192.0.2.1 -d 198.51.100.1 -r 198.51.100.1 -q 192.0.2.1 "
                + "-p tcp --sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1 --state ESTABLISHED", save(e));
    }

    @Test
    public void withoutTimeoutNoT() {
        ConntrackEntry e = ToolFixtures.generic99().toBuilder().timeout(ConntrackEntry.NO_TIMEOUT).build();
        assertEquals("-A -u UNSET -s 192.0.2.4 -d 198.51.100.4 -r 198.51.100.4 -q 192.0.2.4 -p 99", save(e));
    }

    @Test
    public void sctpVtagsAsTheToolConvertsThem() {
        assertEquals(17, SaveFormat.toolVtag(0x1100_0000L, ByteOrder.LITTLE_ENDIAN));
        assertEquals(0xFFFF_FFFEL, SaveFormat.toolVtag(0xFEFF_FFFFL, ByteOrder.LITTLE_ENDIAN));
        assertEquals(0x1100_0000L, SaveFormat.toolVtag(0x1100_0000L, ByteOrder.BIG_ENDIAN));
    }

    @Test
    public void sctpHeartbeatStatesAreUnnamedInTheTool() {
        assertEquals("(null)", SaveFormat.sctpStateName(SctpState.HEARTBEAT_SENT));
        assertEquals("SHUTDOWN_ACK_SENT", SaveFormat.sctpStateName(SctpState.SHUTDOWN_ACK_SENT));
    }
}
