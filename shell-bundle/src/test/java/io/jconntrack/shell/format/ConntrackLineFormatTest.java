package io.jconntrack.shell.format;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.shell.Entries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Test;

/** Expected lines are the verbatim {@code conntrack -L} outputs of notes/conntrack-format.md, section 8. */
public class ConntrackLineFormatTest {
    private final ConntrackLineFormat f = new ConntrackLineFormat(OutputFormat.CONNTRACK, null,
            Clock.fixed(Instant.ofEpochSecond(1_795_609_341L), ZoneOffset.UTC));

    @Test
    public void tcpUnrepliedWithMarkAndZone() {
        assertEquals("tcp      6 294 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.1 dst=192.0.2.1 sport=2 dport=1 mark=7 zone=5 use=1", f.format(Entries.tcpUnreplied()));
    }

    @Test
    public void tcpAssured() {
        assertEquals("tcp      6 3594 ESTABLISHED src=192.0.2.4 dst=198.51.100.4 sport=1002 dport=22 "
                + "src=198.51.100.4 dst=192.0.2.4 sport=22 dport=1002 [ASSURED] mark=0 use=1",
                f.format(Entries.tcpAssured()));
    }

    @Test
    public void seenReplyWithoutAssuredHasNeitherTag() {
        ConntrackEntry e = Entries.tcpAssured().toBuilder().status(StatusFlag.SEEN_REPLY).build();
        assertEquals("tcp      6 3594 ESTABLISHED src=192.0.2.4 dst=198.51.100.4 sport=1002 dport=22 "
                + "src=198.51.100.4 dst=192.0.2.4 sport=22 dport=1002 mark=0 use=1", f.format(e));
    }

    @Test
    public void offloadWinsOverAssured() {
        ConntrackEntry e = Entries.tcpAssured().toBuilder()
                .status(StatusFlag.SEEN_REPLY, StatusFlag.ASSURED, StatusFlag.OFFLOAD).build();
        assertEquals(true, f.format(e).contains(" [OFFLOAD] mark=0"));
        e = e.toBuilder().status(StatusFlag.SEEN_REPLY, StatusFlag.OFFLOAD, StatusFlag.HW_OFFLOAD).build();
        assertEquals(true, f.format(e).contains(" [HW_OFFLOAD] mark=0"));
    }

    @Test
    public void udp() {
        assertEquals("udp      17 24 src=192.0.2.5 dst=198.51.100.5 sport=5353 dport=53 [UNREPLIED] "
                + "src=198.51.100.5 dst=192.0.2.5 sport=53 dport=5353 mark=0 use=1", f.format(Entries.udp()));
    }

    @Test
    public void icmpEchoReplyTypeInReplyTuple() {
        assertEquals("icmp     1 24 src=192.0.2.7 dst=198.51.100.7 type=8 code=0 id=3333 [UNREPLIED] "
                + "src=198.51.100.7 dst=192.0.2.7 type=0 code=0 id=3333 mark=0 use=1", f.format(Entries.icmp()));
    }

    @Test
    public void icmpv6AndCompressedAddresses() {
        assertEquals("icmpv6   58 24 src=2001:db8::7 dst=2001:db8:1::7 type=128 code=0 id=4444 [UNREPLIED] "
                + "src=2001:db8:1::7 dst=2001:db8::7 type=129 code=0 id=4444 mark=0 use=1", f.format(Entries.icmpv6()));
        assertEquals("tcp      6 294 ESTABLISHED src=2001:db8::1 dst=2001:db8:1::1 sport=40000 dport=443 [UNREPLIED] "
                + "src=2001:db8:1::1 dst=2001:db8::1 sport=443 dport=40000 mark=0 use=1", f.format(Entries.tcp6()));
    }

    @Test
    public void greKeysInHex() {
        assertEquals("gre      47 54 src=192.0.2.10 dst=198.51.100.10 srckey=0x1234 dstkey=0x5678 [UNREPLIED] "
                + "src=198.51.100.10 dst=192.0.2.10 srckey=0x5678 dstkey=0x1234 mark=0 use=1", f.format(Entries.gre()));
    }

    @Test
    public void countersInBothDirections() {
        assertEquals("tcp      6 197 ESTABLISHED src=192.0.2.20 dst=198.51.100.20 sport=20 dport=21 packets=0 bytes=0 "
                + "src=198.51.100.20 dst=192.0.2.20 sport=21 dport=20 packets=0 bytes=0 [ASSURED] mark=43 use=1",
                f.format(Entries.tcpCounters()));
    }

    @Test
    public void deltaTimeFromStartTimestampAndClock() {
        ConntrackEntry e = Entries.tcpCounters().toBuilder()
                .timestamps(Instant.ofEpochSecond(1_795_609_339L, 482_000_000), null).build();
        assertEquals("tcp      6 197 ESTABLISHED src=192.0.2.20 dst=198.51.100.20 sport=20 dport=21 packets=0 bytes=0 "
                + "src=198.51.100.20 dst=192.0.2.20 sport=21 dport=20 packets=0 bytes=0 [ASSURED] mark=43 "
                + "delta-time=2 use=1", f.format(e));
        ConntrackEntry stopped = e.toBuilder().timestamps(e.start(), Instant.ofEpochSecond(1_795_609_344L)).build();
        assertEquals(true, f.format(stopped).contains(" delta-time=5 use=1"));
    }

    @Test
    public void sctpStateAndUnknownProtocol() {
        ConntrackEntry sctp = ConntrackEntry.builder(Tuple.of(Protocol.SCTP, ip("192.0.2.8"), ip("198.51.100.8"), 9, 10))
                .timeout(54).sctpState(SctpState.ESTABLISHED).use(1).build();
        assertEquals("sctp     132 54 ESTABLISHED src=192.0.2.8 dst=198.51.100.8 sport=9 dport=10 [UNREPLIED] "
                + "src=198.51.100.8 dst=192.0.2.8 sport=10 dport=9 mark=0 use=1", f.format(sctp));
        ConntrackEntry other = ConntrackEntry.builder(Tuple.addressesOnly(Protocol.of(4), ip("192.0.2.9"),
                ip("198.51.100.9"))).timeout(600).use(1).build();
        assertEquals("unknown  4 600 src=192.0.2.9 dst=198.51.100.9 [UNREPLIED] src=198.51.100.9 dst=192.0.2.9 "
                + "mark=0 use=1", f.format(other));
    }

    @Test
    public void absentFieldsLeaveNoSpace() {
        ConntrackEntry e = ConntrackEntry.builder(Tuple.udp(ip("192.0.2.5"), ip("198.51.100.5"), 1, 2))
                .status(StatusFlag.SEEN_REPLY).mark(0xFFFF_FFFFL).helper("tftp").build();
        assertEquals("udp      17 src=192.0.2.5 dst=198.51.100.5 sport=1 dport=2 src=198.51.100.5 dst=192.0.2.5 "
                + "sport=2 dport=1 mark=4294967295 helper=tftp", f.format(e));
    }

    @Test
    public void unsignedCounters() {
        ConntrackEntry e = Entries.udp().toBuilder().counters(new Counters(-1, 5), new Counters(1, 2)).build();
        assertEquals(true, f.format(e).contains("packets=18446744073709551615 bytes=5 [UNREPLIED]"));
    }
}
