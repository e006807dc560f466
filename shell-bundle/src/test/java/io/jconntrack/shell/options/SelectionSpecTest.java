package io.jconntrack.shell.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.junit.Test;

public class SelectionSpecTest {

    private static ConntrackFilter filter(Consumer<SelectionSpec> options) {
        SelectionSpec s = new SelectionSpec();
        options.accept(s);
        return s.toFilter();
    }

    private static void assertError(String expected, Consumer<SelectionSpec> options) {
        IllegalArgumentException e = assertThrows("expected: " + expected, IllegalArgumentException.class,
                () -> filter(options));
        assertEquals(expected, e.getMessage());
    }

    @Test
    public void nothingGivenSelectsAll() {
        SelectionSpec s = new SelectionSpec();
        assertFalse("no option given", s.isGiven());
        assertTrue("an empty filter", s.toFilter().isEmpty());
    }

    @Test
    public void eachOption() {
        assertEquals(Integer.valueOf(5), filter(s -> s.zone = "5").zone());
        assertEquals(Integer.valueOf(65535), filter(s -> s.zone = "65535").zone());
        assertEquals(Protocol.TCP, filter(s -> s.proto = "tcp").protocol());
        assertEquals(Protocol.ICMPV6, filter(s -> s.proto = "ICMPv6").protocol());
        assertEquals(Protocol.of(47), filter(s -> s.proto = "47").protocol());
        assertEquals(AddressFamily.IPV6, filter(s -> s.family = "ipv6").family());
        assertEquals(Cidr.parse("x", "192.0.2.0/24"), filter(s -> s.src = "192.0.2.0/24").source());
        assertEquals(Cidr.parse("x", "2001:db8::1"), filter(s -> s.dst = "2001:db8::1").destination());
        ConntrackFilter ports = filter(s -> {
            s.proto = "udp";
            s.sport = "5353";
            s.dport = "53";
        });
        assertEquals(Integer.valueOf(5353), ports.sourcePort());
        assertEquals(Integer.valueOf(53), ports.destinationPort());
        ConntrackFilter m = filter(s -> s.mark = "0x10/0xff");
        assertEquals(Long.valueOf(16), m.mark());
        assertEquals(255L, m.markMask());
        ConntrackFilter plainMark = filter(s -> s.mark = "4294967295");
        assertEquals(Long.valueOf(4294967295L), plainMark.mark());
        assertEquals(0xFFFF_FFFFL, plainMark.markMask());
        ConntrackFilter st = filter(s -> s.state = "established");
        assertEquals(TcpState.ESTABLISHED, st.tcpState());
        assertEquals(Protocol.TCP, st.protocol());
        assertEquals(EnumSet.of(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY),
                filter(s -> s.status = "ASSURED,seen_reply").status());
    }

    @Test
    public void badNumbersNameOptionAndValue() {
        assertError("--zone: 'abc' is not a number 0..65535", s -> s.zone = "abc");
        assertError("--zone: '70000' is not a number 0..65535", s -> s.zone = "70000");
        assertError("--zone: '-1' is not a number 0..65535", s -> s.zone = "-1");
        assertError("--sport: '65536' is not a number 0..65535", s -> {
            s.proto = "tcp";
            s.sport = "65536";
        });
        assertError("--mark: '0x1ffffffff' is not a number 0..4294967295 (decimal or 0x hex)", s -> s.mark = "0x1ffffffff");
        assertError("--mark: 'zz' is not a number 0..4294967295 (decimal or 0x hex)", s -> s.mark = "1/zz");
    }

    @Test
    public void badCidr() {
        assertError("--src: prefix length 33 in '192.0.2.0/33' is out of range 0..32", s -> s.src = "192.0.2.0/33");
        assertError("--dst: 'example.org' is not a numeric IPv4 or IPv6 address", s -> s.dst = "example.org");
        assertError("--src: '192.0.2.300' is not a numeric IPv4 or IPv6 address", s -> s.src = "192.0.2.300");
    }

    @Test
    public void portsNeedProtocolWithPorts() {
        assertError("--sport: '80' needs -p/--proto with ports (tcp, udp, udplite, sctp, dccp)", s -> s.sport = "80");
        assertError("--dport: '80' does not apply to --proto icmp", s -> {
            s.proto = "icmp";
            s.dport = "80";
        });
    }

    @Test
    public void inconsistentCombinations() {
        assertError("--state: 'ESTABLISHED' is a TCP state; it does not apply to --proto udp", s -> {
            s.proto = "udp";
            s.state = "ESTABLISHED";
        });
        assertError("--src: '2001:db8::/32' is not of --family ipv4", s -> {
            s.family = "ipv4";
            s.src = "2001:db8::/32";
        });
        assertError("--proto: 'icmp' does not apply to ipv6 (use icmpv6)", s -> {
            s.proto = "icmp";
            s.dst = "2001:db8::1";
        });
        assertError("--dst: '2001:db8::1' is not of the same family as --src '192.0.2.1'", s -> {
            s.src = "192.0.2.1";
            s.dst = "2001:db8::1";
        });
    }

    @Test
    public void badNamesNameTheOption() {
        assertError("--proto: 'xyz' is not a number 0-255 nor one of tcp, udp, icmp, icmpv6, sctp, dccp, udplite, gre",
                s -> s.proto = "xyz");
        assertError("--family: 'ipv5' is not one of ipv4, ipv6", s -> s.family = "ipv5");
        String state = message(s -> s.state = "OPEN");
        assertTrue(state, state.startsWith("--state: 'OPEN' is not a TCP state"));
        String status = message(s -> s.status = "ASSURED,BOGUS");
        assertTrue(status, status.startsWith("--status: 'BOGUS' is not a status flag"));
    }

    private static String message(Consumer<SelectionSpec> options) {
        return assertThrows(IllegalArgumentException.class, () -> filter(options)).getMessage();
    }
}
