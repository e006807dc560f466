package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/**
 * The conntrack text of every entry kind and modifier. Expected lines are verbatim outputs of conntrack 1.4.7
 * ({@code -L}, {@code -L -o ...}, {@code -G}, {@code -U}, {@code -D}, {@code -E}) for the {@link ToolFixtures}.
 */
public class ConntrackModifiersTest {
    /** One second after the timestamped fixtures started, as when the tool printed them. */
    private static final Clock CLOCK = Clock.fixed(ToolFixtures.START.plusSeconds(1), ZoneOffset.UTC);
    private static final LabelNames LABELS = LabelNames.parse(List.of("0 zero", "1 one", "5 five"));

    private static ConntrackLineFormat text(String modifiers) {
        return new ConntrackLineFormat(OutputFormat.parse("-o", modifiers), LABELS, CLOCK);
    }

    @Test
    public void zonesOfOneDirectionFollowTheirTuple() {
        ConntrackLineFormat f = text("conntrack");
        assertEquals("udp      17 29 src=192.0.2.2 dst=198.51.100.2 sport=1 dport=2 zone-orig=7 [UNREPLIED] "
                + "src=198.51.100.2 dst=192.0.2.2 sport=2 dport=1 mark=0 use=1", f.format(ToolFixtures.udpOrigZone()));
        assertEquals("udp      17 29 src=192.0.2.3 dst=198.51.100.3 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.3 dst=192.0.2.3 sport=2 dport=1 zone-reply=8 mark=0 use=1",
                f.format(ToolFixtures.udpReplyZone()));
        assertEquals("tcp      6 299 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 src=198.51.100.1 "
                + "dst=192.0.2.1 sport=2 dport=1 [ASSURED] mark=6 zone=5 use=1", f.format(ToolFixtures.tcpZone5()));
    }

    @Test
    public void natShowsInTheReplyTuple() {
        ConntrackLineFormat f = text("conntrack");
        assertEquals("tcp      6 299 ESTABLISHED src=192.0.2.5 dst=198.51.100.5 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.5 dst=203.0.113.5 sport=2 dport=1 mark=0 use=1", f.format(ToolFixtures.tcpSnat()));
        assertEquals("tcp      6 299 ESTABLISHED src=192.0.2.6 dst=198.51.100.6 sport=1 dport=2 [UNREPLIED] "
                + "src=203.0.113.6 dst=192.0.2.6 sport=8080 dport=1 mark=0 use=1", f.format(ToolFixtures.tcpDnat()));
        assertEquals("tcp      6 299 ESTABLISHED src=2001:db8::1 dst=2001:db8::2 sport=1 dport=2 [UNREPLIED] "
                + "src=2001:db8::2 dst=2001:db8::9 sport=2 dport=99 mark=0 use=1", f.format(ToolFixtures.tcp6Snat()));
    }

    @Test
    public void protocolsTheToolCallsUnknownAndTheOthers() {
        ConntrackLineFormat f = text("conntrack");
        assertEquals("unknown  99 29 src=192.0.2.4 dst=198.51.100.4 [UNREPLIED] src=198.51.100.4 dst=192.0.2.4 "
                + "mark=0 use=1", f.format(ToolFixtures.generic99()));
        assertEquals("tcp      6 299 SYN_SENT2 src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.1 dst=192.0.2.1 sport=2 dport=1 mark=0 use=1", f.format(ToolFixtures.tcpListen()));
        assertEquals("sctp     132 299 ESTABLISHED src=192.0.2.2 dst=198.51.100.2 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.2 dst=192.0.2.2 sport=2 dport=1 mark=0 use=1", f.format(ToolFixtures.sctp()));
        assertEquals("dccp     33 299 src=192.0.2.3 dst=198.51.100.3 sport=0 dport=0 [UNREPLIED] src=198.51.100.3 "
                + "dst=192.0.2.3 sport=0 dport=0 mark=0 use=1", f.format(ToolFixtures.dccpWithoutTracker()));
        assertEquals("gre      47 299 src=192.0.2.4 dst=198.51.100.4 srckey=0x11 dstkey=0x22 [UNREPLIED] "
                + "src=198.51.100.4 dst=192.0.2.4 srckey=0x22 dstkey=0x11 mark=0 use=1", f.format(ToolFixtures.gre()));
        assertEquals("udplite  136 29 src=192.0.2.6 dst=198.51.100.6 sport=1 dport=2 [UNREPLIED] src=198.51.100.6 "
                + "dst=192.0.2.6 sport=2 dport=1 mark=0 use=1", f.format(ToolFixtures.udplite()));
        assertEquals("icmpv6   58 29 src=2001:db8::5 dst=2001:db8::6 type=128 code=0 id=44 [UNREPLIED] "
                + "src=2001:db8::6 dst=2001:db8::5 type=129 code=0 id=44 mark=0 use=1", f.format(ToolFixtures.icmpv6()));
    }

    @Test
    public void extendedAndId() {
        ConntrackLineFormat f = text("extended,id");
        assertEquals("ipv4     2 unknown  99 29 src=192.0.2.4 dst=198.51.100.4 [UNREPLIED] src=198.51.100.4 "
                + "dst=192.0.2.4 mark=0 use=1 id=3898469427", f.format(ToolFixtures.generic99()));
        assertEquals("ipv4     2 udp      17 29 src=192.0.2.2 dst=198.51.100.2 sport=1 dport=2 zone-orig=7 "
                + "[UNREPLIED] src=198.51.100.2 dst=192.0.2.2 sport=2 dport=1 mark=0 use=1 id=3079847823",
                f.format(ToolFixtures.udpOrigZone()));
        assertEquals(true, text("extended").format(ToolFixtures.icmpv6()).startsWith("ipv6     10 icmpv6   58 29 "));
    }

    @Test
    public void countersAndTimestamps() {
        String plain = "tcp      6 298 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 packets=0 bytes=0 "
                + "src=198.51.100.1 dst=192.0.2.1 sport=2 dport=1 packets=0 bytes=0 mark=0 zone=3 delta-time=1 use=1";
        assertEquals(plain, text("conntrack").format(ToolFixtures.tcpAccounted()));
        // -o timestamp changes only events.
        assertEquals(plain, text("timestamp").format(ToolFixtures.tcpAccounted()));
        assertEquals("ipv4     2 tcp      6 298 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 "
                + "packets=0 bytes=0 src=198.51.100.1 dst=192.0.2.1 sport=2 dport=1 packets=0 bytes=0 mark=0 zone=3 "
                + "delta-time=1 [start=Mon Nov 30 04:21:35 2026] use=1 id=976183946",
                text("extended,ktimestamp,id").format(ToolFixtures.tcpAccounted()));
    }

    @Test
    public void kernelTimestampsOnlyWhereTheToolPrintsThem() {
        ConntrackLineFormat f = text("ktimestamp");
        ConntrackEntry e = ToolFixtures.tcpAccounted();
        assertEquals(true, f.format(e, PrintingCommand.GET).contains(" delta-time=1 [start=Mon Nov 30 04:21:35 2026] "));
        assertEquals(true, f.format(e, PrintingCommand.UPDATE).contains(" delta-time=1 use=1"));
        assertEquals(true, f.format(e, PrintingCommand.DELETE).contains(" delta-time=1 use=1"));
    }

    @Test
    public void labelsByNameWhenTheToolHasAMap() {
        ConntrackEntry e = ToolFixtures.udpReplyZone().toBuilder().labels(Set.of(1, 5, 7)).build();
        assertEquals(true, text("labels").format(e).endsWith(" zone-reply=8 mark=0 use=1 labels=one,five"));
        assertEquals(true, text("labels,id").format(e).endsWith(" use=1 id=1634904643 labels=one,five"));
        // No bit named: the library's removal of the last comma takes the '=' instead.
        ConntrackEntry unnamed = e.toBuilder().labels(Set.of(7)).build();
        assertEquals(true, text("labels").format(unnamed).endsWith(" mark=0 use=1 labels"));
        // Without a map (no connlabel.conf) and in -D output, no labels at all.
        assertEquals(true, new ConntrackLineFormat(OutputFormat.parse("-o", "labels"), null, CLOCK).format(e)
                .endsWith(" mark=0 use=1"));
        assertEquals(true, text("labels").format(e, PrintingCommand.DELETE).endsWith(" mark=0 use=1"));
    }

    @Test
    public void secmarkBetweenMarkAndZone() {
        ConntrackEntry e = ToolFixtures.tcpZone5().toBuilder().secmark(42).build();
        assertEquals(true, text("conntrack").format(e).endsWith(" [ASSURED] mark=6 secmark=42 zone=5 use=1"));
    }

    @Test
    public void eventsPrintTheMarkOnlyWhenSet() {
        ConntrackLineFormat f = text("conntrack");
        // Printed by conntrack -E, without its " [USERSPACE] portid=N" (the event model has no sender).
        assertEquals("    [NEW] udp      17 30 src=192.0.2.50 dst=198.51.100.50 sport=1 dport=2 [UNREPLIED] "
                + "src=198.51.100.50 dst=192.0.2.50 sport=2 dport=1 mark=9 zone=4",
                f.formatEvent(EventType.NEW, ToolFixtures.udpEventNew()));
        assertEquals(true, f.formatEvent(EventType.UPDATE, ToolFixtures.udpEventNew().toBuilder().mark(0).build())
                .endsWith(" sport=2 dport=1 zone=4"));
    }

    @Test
    public void destroyEventsWithKernelTimestamps() {
        assertEquals("[DESTROY] ipv4     2 udp      17 29 src=192.0.2.50 dst=198.51.100.50 sport=1 dport=2 packets=0 "
                + "bytes=0 [UNREPLIED] src=198.51.100.50 dst=192.0.2.50 sport=2 dport=1 packets=0 bytes=0 mark=9 "
                + "zone=4 delta-time=0 [start=Mon Nov 30 04:21:52 2026] [stop=Mon Nov 30 04:21:52 2026] id=317097844",
                text("extended,ktimestamp,id").formatEvent(EventType.DESTROY, ToolFixtures.udpEventDestroy()));
    }

    @Test
    public void deltaTimeIsUnsignedLikeTheTools() {
        ConntrackEntry future = ToolFixtures.tcpAccounted().toBuilder()
                .timestamps(Instant.ofEpochSecond(ToolFixtures.START.getEpochSecond() + 5), null).build();
        assertEquals(true, text("conntrack").format(future).contains(" delta-time=18446744073709551612 "));
    }
}
