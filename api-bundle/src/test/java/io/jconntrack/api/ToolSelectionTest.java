package io.jconntrack.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.Test;

/** NAT targets, reply/label/NAT selections and selection-wide changes, in Java only. */
public class ToolSelectionTest {
    private static InetAddress ip(String s) {
        return Cidr.parseAddress("test", s);
    }

    private static final Tuple ORIG = Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1000, 80);

    @Test
    public void natTargetsParseAsTheToolWritesThem() {
        assertEquals(new NatTarget(ip("203.0.113.5"), null), NatTarget.parse("--src-nat", "203.0.113.5"));
        assertEquals(new NatTarget(ip("203.0.113.5"), 4000), NatTarget.parse("--src-nat", "203.0.113.5:4000"));
        assertEquals(new NatTarget(ip("2001:db8::5"), null), NatTarget.parse("--dst-nat", "2001:db8::5"));
        assertEquals(new NatTarget(ip("2001:db8::5"), 53), NatTarget.parse("--dst-nat", "[2001:db8::5]:53"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NatTarget.parse("--dst-nat", "203.0.113.5:70000"));
        assertEquals("--dst-nat: port 70000 in '203.0.113.5:70000' is out of range 0..65535", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NatTarget.parse("--src-nat", "[2001:db8::5:53"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("--src-nat: "));
        e = assertThrows(IllegalArgumentException.class, () -> NatTarget.parse("--src-nat", "203.0.113.5:+80"));
        assertEquals("--src-nat: port '+80' in '203.0.113.5:+80' is not a number 0..65535", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NatTarget.parse("--src-nat", "[192.0.2.1]:80"));
        assertTrue(e.getMessage(), e.getMessage().contains("brackets are for IPv6"));
        e = assertThrows(IllegalArgumentException.class, () -> NatTarget.parse("--src-nat", "host.example:1"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("--src-nat: "));
    }

    @Test
    public void natSelectionsReadTheTuples() {
        ConntrackEntry plain = ConntrackEntry.builder(ORIG).build();
        ConntrackEntry snat = ConntrackEntry.builder(ORIG).status(StatusFlag.SRC_NAT, StatusFlag.SRC_NAT_DONE)
                .reply(Tuple.tcp(ip("198.51.100.1"), ip("203.0.113.5"), 80, 4000)).build();
        ConntrackEntry dnat = ConntrackEntry.builder(ORIG).status(StatusFlag.DST_NAT, StatusFlag.DST_NAT_DONE)
                .reply(Tuple.tcp(ip("10.0.0.8"), ip("192.0.2.1"), 8080, 1000)).build();
        ConntrackEntry givenReply = ConntrackEntry.builder(ORIG)
                .reply(Tuple.tcp(ip("10.0.0.8"), ip("203.0.113.5"), 8080, 4000)).build();
        ConntrackFilter anySrc = ConntrackFilter.builder().sourceNat(NatTarget.ANY).build();
        assertFalse("no NAT", anySrc.matches(plain));
        assertTrue("source NAT", anySrc.matches(snat));
        assertFalse("destination NAT is not source NAT", anySrc.matches(dnat));
        assertTrue("to that address and port", ConntrackFilter.builder()
                .sourceNat(NatTarget.parse("n", "203.0.113.5:4000")).build().matches(snat));
        assertFalse("not to another port", ConntrackFilter.builder()
                .sourceNat(NatTarget.parse("n", "203.0.113.5:4001")).build().matches(snat));
        assertTrue("destination NAT to 10.0.0.8", ConntrackFilter.builder()
                .destinationNat(NatTarget.parse("g", "10.0.0.8")).build().matches(dnat));
        ConntrackFilter any = ConntrackFilter.builder().anyNat(NatTarget.ANY).build();
        assertTrue("any NAT: source", any.matches(snat));
        assertTrue("any NAT: destination", any.matches(dnat));
        assertFalse("any NAT: none", any.matches(plain));
        assertFalse("tuples that differ without NAT done are not NAT, as the tool sees them",
                any.matches(givenReply));
        assertFalse("nor for the entry itself", givenReply.isSourceNat() || givenReply.isDestinationNat());
        assertThrows(IllegalArgumentException.class, () -> ConntrackFilter.builder().anyNat(NatTarget.ANY)
                .sourceNat(NatTarget.ANY).build());
    }

    @Test
    public void replyZoneAndLabelSelections() {
        ConntrackEntry e = ConntrackEntry.builder(ORIG).zone(5, ZoneDirection.ORIGINAL).labels(Set.of(1, 7)).build();
        assertTrue("reply source", ConntrackFilter.builder().replySource("198.51.100.0/24").build().matches(e));
        assertFalse("reply destination", ConntrackFilter.builder().replyDestination("192.0.2.2").build().matches(e));
        assertTrue("original tuple zone", ConntrackFilter.builder().originalZone(5).build().matches(e));
        assertTrue("reply tuple zone 0", ConntrackFilter.builder().replyZone(0).build().matches(e));
        assertTrue("the entry's zone in either direction", ConntrackFilter.zone(5).matches(e));
        assertFalse("not the zone shared by both directions (conntrack -w 5)",
                ConntrackFilter.builder().sharedZone(5).build().matches(e));
        assertTrue("which is 0 for a zone of one direction (conntrack -w 0)",
                ConntrackFilter.builder().sharedZone(0).build().matches(e));
        assertTrue("a zone of both directions is shared", ConntrackFilter.builder().sharedZone(5).build()
                .matches(e.toBuilder().zone(5).build()));
        assertTrue("labels it has", ConntrackFilter.builder().labels(Set.of(7)).build().matches(e));
        assertFalse("all labels are needed", ConntrackFilter.builder().labels(Set.of(7, 8)).build().matches(e));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> ConntrackFilter.builder().source("192.0.2.1").replySource("2001:db8::1").build());
        assertEquals("replySource: 2001:db8:0:0:0:0:0:1/128 is not of family ipv4", x.getMessage());
    }

    @Test
    public void changesComputeAsTheKernelAndSkipWhatTheyWouldNotChange() {
        ConntrackEntry e = ConntrackEntry.builder(ORIG).mark(0x0f).timeout(100).build();
        ConntrackChange c = ConntrackChange.builder().mark(0x30, 0xf0).build();
        assertEquals(0x3f, c.markOf(0x0f));
        assertTrue("changes the mark", c.changes(e));
        assertFalse("already so", c.changes(e.toBuilder().mark(0x3f).build()));
        assertTrue("adds a label", ConntrackChange.builder().labelsToSet(Set.of(3)).build().changes(e));
        assertFalse("clears a label it does not have",
                ConntrackChange.builder().labelsToClear(Set.of(3)).build().changes(e));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> ConntrackChange.builder().build());
        assertTrue(x.getMessage(), x.getMessage().startsWith("change: nothing to change"));
        x = assertThrows(IllegalArgumentException.class,
                () -> ConntrackChange.builder().labelsToSet(Set.of(1)).labelsToClear(Set.of(1)).build());
        assertTrue(x.getMessage(), x.getMessage().startsWith("labelsToClear: "));
    }

    @Test
    public void anEntryFromItsReplyTupleHasTheInverseAsOriginal() {
        ConntrackEntry e = ConntrackEntry.fromReply(Tuple.udp(ip("198.51.100.2"), ip("192.0.2.2"), 53, 2)).build();
        assertEquals(Tuple.udp(ip("192.0.2.2"), ip("198.51.100.2"), 2, 53), e.original());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> ConntrackEntry.builder(ORIG)
                .sourceNat(NatTarget.parse("n", "2001:db8::1")).build());
        assertTrue(x.getMessage(), x.getMessage().startsWith("sourceNat: "));
    }
}
