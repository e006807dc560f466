package io.jconntrack.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class ValidationTest {

    static InetAddress ip(String s) {
        return Cidr.parseAddress("test", s);
    }

    static void expect(String field, String valueText, Runnable r) {
        IllegalArgumentException e = assertThrows("expected IllegalArgumentException for " + field,
                IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage(), e.getMessage().startsWith(field + ":"));
        assertTrue(e.getMessage(), e.getMessage().contains(valueText));
    }

    @Test
    public void rangesAreCheckedAndNamed() {
        expect("zone", "65536", () -> ConntrackFilter.zone(65536));
        expect("zone", "-1", () -> ConntrackFilter.zone(-1));
        expect("sourcePort", "65536", () -> Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 65536, 1));
        expect("destinationPort", "-1", () -> Tuple.udp(ip("192.0.2.1"), ip("192.0.2.2"), 1, -1));
        expect("icmpCode", "300", () -> Tuple.icmp(ip("192.0.2.1"), ip("192.0.2.2"), 8, 300, 1));
        expect("icmpId", "65536", () -> Tuple.icmp(ip("192.0.2.1"), ip("192.0.2.2"), 8, 0, 65536));
        expect("mark", "4294967296", () -> ConntrackEntry.builder(
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 1, 2)).mark(1L << 32));
        expect("timeout", "-5", () -> ConntrackEntry.builder(
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 1, 2)).timeout(-5));
        expect("labels", "128", () -> ConntrackEntry.builder(
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 1, 2)).labels(Set.of(128)));
        expect("protocol", "256", () -> Protocol.of(256));
    }

    @Test
    public void protocolSpecificFieldsOnlyWhereTheyApply() {
        expect("sourcePort/destinationPort", "icmp",
                () -> new Tuple(ip("192.0.2.1"), ip("192.0.2.2"), Protocol.ICMP, 1, 0, 8, 0, 1));
        expect("icmpType/icmpCode/icmpId", "tcp",
                () -> new Tuple(ip("192.0.2.1"), ip("192.0.2.2"), Protocol.TCP, 1, 2, 8, 0, 0));
        expect("protocol", "icmp needs IPv4",
                () -> new Tuple(ip("2001:db8::1"), ip("2001:db8::2"), Protocol.ICMP, 0, 0, 8, 0, 1));
        expect("destination", "2001:db8",
                () -> Tuple.tcp(ip("192.0.2.1"), ip("2001:db8::2"), 1, 2));
        expect("state", "udp", () -> ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("192.0.2.2"), 1, 2))
                .tcpState(TcpState.ESTABLISHED).build());
        expect("sourcePort", "needs a protocol", () -> ConntrackFilter.builder().sourcePort(1).build());
        expect("destinationPort", "icmp", () -> ConntrackFilter.builder().protocol(Protocol.ICMP)
                .destinationPort(1).build());
        expect("state", "udp", () -> ConntrackFilter.builder().protocol(Protocol.UDP)
                .tcpState(TcpState.ESTABLISHED).build());
        expect("destination", "ipv4", () -> ConntrackFilter.builder().source("192.0.2.0/24")
                .destination("2001:db8::/32").build());
        expect("protocol", "icmpv6", () -> ConntrackFilter.builder().family(AddressFamily.IPV6)
                .protocol(Protocol.ICMP).build());
    }

    @Test
    public void addressesAndPrefixes() {
        expect("source", "example.org", () -> Cidr.parse("source", "example.org"));
        expect("source", "192.0.2.256", () -> Cidr.parse("source", "192.0.2.256"));
        expect("source", "'x'", () -> Cidr.parse("source", "192.0.2.0/x"));
        expect("source", "129", () -> Cidr.parse("source", "2001:db8::/129"));
        expect("source", "33", () -> Cidr.parse("source", "192.0.2.0/33"));
        Cidr c = Cidr.parse("source", "192.0.2.77/24");
        assertEquals("192.0.2.0/24", c.toString());
        assertTrue(c + " contains 192.0.2.1", c.contains(ip("192.0.2.1")));
        assertFalse(c + " does not contain 192.0.3.1", c.contains(ip("192.0.3.1")));
        assertFalse("an IPv4 prefix contains no IPv6 address", c.contains(ip("2001:db8::1")));
        Cidr v6 = Cidr.parse("source", "2001:db8::/33");
        assertTrue(v6 + " contains 2001:db8:7fff::1", v6.contains(ip("2001:db8:7fff::1")));
        assertFalse(v6 + " does not contain 2001:db8:8000::1", v6.contains(ip("2001:db8:8000::1")));
        assertTrue("0.0.0.0/0 contains every IPv4 address", Cidr.parse("s", "0.0.0.0/0").contains(ip("203.0.113.9")));
        assertTrue("an address without a length is a host", Cidr.parse("s", "198.51.100.7").isHost());
    }

    @Test
    public void filterMatchesLikeTheCli() {
        ConntrackEntry e = ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1000, 80))
                .zone(5).mark(0x1234).status(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY)
                .tcpState(TcpState.ESTABLISHED).timeout(10).build();
        assertTrue("ALL matches every entry", ConntrackFilter.ALL.matches(e));
        assertTrue("every field of the entry selected", ConntrackFilter.builder().zone(5).mark(0x34, 0xFF)
                .protocol(Protocol.TCP).destinationPort(80)
                .sourcePort(1000).source("192.0.2.0/24").destination("198.51.100.1")
                .status(StatusFlag.ASSURED).tcpState(TcpState.ESTABLISHED).family(AddressFamily.IPV4).build()
                .matches(e));
        assertFalse("another zone", ConntrackFilter.zone(6).matches(e));
        assertFalse("another masked mark", ConntrackFilter.builder().mark(0x35, 0xFF).build().matches(e));
        assertFalse("a status flag the entry lacks",
                ConntrackFilter.builder().status(StatusFlag.ASSURED, StatusFlag.OFFLOAD).build().matches(e));
        assertFalse("another protocol", ConntrackFilter.builder().destination("198.51.100.1").family(AddressFamily.IPV4)
                .protocol(Protocol.UDP).build().matches(e));
        assertFalse("another family", ConntrackFilter.builder().family(AddressFamily.IPV6).build().matches(e));
        assertFalse("another TCP state", ConntrackFilter.builder().tcpState(TcpState.TIME_WAIT).build().matches(e));
    }

    @Test
    public void inverseTuples() {
        Tuple echo = Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 8, 0, 7);
        assertEquals(0, echo.inverse().icmpType());
        assertEquals(echo, echo.inverse().inverse());
        assertEquals(129, Tuple.icmp(ip("2001:db8::1"), ip("2001:db8::2"), 128, 0, 7).inverse().icmpType());
        expect("icmpType", "3", () -> Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 3, 1, 0).inverse());
        Tuple tcp = Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2);
        assertEquals(Tuple.tcp(ip("198.51.100.1"), ip("192.0.2.1"), 2, 1), tcp.inverse());
    }

    @Test
    public void parsers() {
        assertEquals(Protocol.ICMPV6, Protocol.parse("ICMPv6"));
        assertEquals(Protocol.of(99), Protocol.parse("99"));
        expect("protocol", "'tcpx'", () -> Protocol.parse("tcpx"));
        assertEquals(Set.of(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY), StatusFlag.parseList("assured,SEEN_REPLY"));
        expect("status", "'FOO'", () -> StatusFlag.parseList("ASSURED,FOO"));
        assertEquals(TcpState.SYN_SENT2, TcpState.parse("listen"));
        expect("state", "'OPENED'", () -> TcpState.parse("OPENED"));
        assertEquals(AddressFamily.IPV6, AddressFamily.parse("inet6"));
        expect("family", "'ipx'", () -> AddressFamily.parse("ipx"));
    }

    @Test
    public void valuesAreSerializableAndEqualAfterwards() throws Exception {
        ConntrackEntry e = ConntrackEntry.builder(Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 1, 2)).zone(3)
                .mark(4).timeout(5).labels(Set.of(1, 64)).status(StatusFlag.ASSURED)
                .counters(new Counters(1, 2), new Counters(3, 4)).build();
        ConntrackFilter f = ConntrackFilter.builder().source("2001:db8::/32").zone(3).mark(1, 3).build();
        ConntrackUpdate u = ConntrackUpdate.of(e.original(), 3).mark(9).build();
        DeleteResult d = new DeleteResult(1, 2, List.of(new Failure(e.original(), 3, "EPERM", "x")));
        for (Object o : List.of(e, f, u, d, new ConntrackException("delete", 2, "ENOENT", "No such file",
                "msg", "ns", e.original(), null))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
            if (o instanceof Exception) {
                assertEquals(((Exception) o).getMessage(), ((Exception) back).getMessage());
            } else {
                assertEquals(o, back);
                assertEquals(o.hashCode(), back.hashCode());
            }
        }
    }

    @Test
    public void exceptionMessageCarriesEverything() {
        ConntrackException e = new ConntrackException("delete", 1, "EPERM", "Operation not permitted",
                "kernel text", "blue", Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2), null);
        assertEquals("delete failed in network namespace 'blue': EPERM (Operation not permitted): kernel says "
                + "\"kernel text\" [entry tcp src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2] - CAP_NET_ADMIN is "
                + "required (run as root or grant the capability)", e.getMessage());
        assertTrue("EPERM is a permission denial", e.isPermissionDenied());
    }

    @Test
    public void anEpermNamingItsCapabilityIsNotToldCapNetAdmin() {
        ConntrackException e = new ConntrackException("count", 1, "EPERM", "Operation not permitted in setns "
                + "/var/run/netns/blue - CAP_SYS_ADMIN is required to enter another network namespace", null, "blue",
                null, null);
        assertTrue(e.getMessage(), e.getMessage().endsWith("CAP_SYS_ADMIN is required to enter another network "
                + "namespace)"));
        assertTrue(e.getMessage(), !e.getMessage().contains("CAP_NET_ADMIN"));
        assertTrue(e.isPermissionDenied());
    }
}
