package io.jconntrack.shell.options;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.util.function.Consumer;
import org.junit.Test;

public class TupleSpecTest {

    private static Tuple tuple(Consumer<TupleSpec> options) {
        TupleSpec t = new TupleSpec();
        t.src = "192.0.2.1";
        t.dst = "198.51.100.1";
        options.accept(t);
        return t.toTuple();
    }

    private static void assertError(String expected, Consumer<TupleSpec> options) {
        IllegalArgumentException e = assertThrows("expected: " + expected, IllegalArgumentException.class,
                () -> tuple(options));
        assertEquals(expected, e.getMessage());
    }

    @Test
    public void tcpUdpIcmpGre() {
        assertEquals(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2), tuple(t -> {
            t.proto = "tcp";
            t.sport = "1";
            t.dport = "2";
        }));
        assertEquals(Tuple.icmp(ip("192.0.2.1"), ip("198.51.100.1"), 8, 0, 3333), tuple(t -> {
            t.proto = "icmp";
            t.icmpType = "8";
            t.icmpId = "3333";
        }));
        assertEquals(Tuple.of(Protocol.GRE, ip("192.0.2.1"), ip("198.51.100.1"), 0x1234, 0x5678), tuple(t -> {
            t.proto = "gre";
            t.sport = "0x1234";
            t.dport = "22136";
        }));
        TupleSpec v6 = new TupleSpec();
        v6.src = "2001:db8::7";
        v6.dst = "2001:db8:1::7";
        v6.proto = "icmpv6";
        v6.icmpType = "128";
        assertEquals(Tuple.icmp(ip("2001:db8::7"), ip("2001:db8:1::7"), 128, 0, 0), v6.toTuple());
    }

    @Test
    public void errors() {
        assertError("-p/--proto: is required", t -> { });
        assertError("--sport: is required", t -> t.proto = "udp");
        assertError("--dport: 'x' is not a number 0..65535", t -> {
            t.proto = "udp";
            t.sport = "1";
            t.dport = "x";
        });
        assertError("--icmp-type: is required", t -> t.proto = "icmp");
        assertError("--icmp-code: '256' is not a number 0..255", t -> {
            t.proto = "icmp";
            t.icmpType = "8";
            t.icmpCode = "256";
        });
        assertError("--icmp-type/--icmp-code/--icmp-id: do not apply to --proto tcp", t -> {
            t.proto = "tcp";
            t.icmpType = "8";
        });
        assertError("--sport: ports do not apply to --proto icmp (use --icmp-type/--icmp-code/--icmp-id)", t -> {
            t.proto = "icmp";
            t.sport = "1";
        });
        assertError("--src: '192.0.2.0/24' must be one address, not a prefix", t -> {
            t.proto = "tcp";
            t.src = "192.0.2.0/24";
        });
        assertError("--proto: 'icmpv6' does not apply to IPv4 addresses (use icmp)", t -> {
            t.proto = "icmpv6";
            t.icmpType = "128";
        });
    }
}
