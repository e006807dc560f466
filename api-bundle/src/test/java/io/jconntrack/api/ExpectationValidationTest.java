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
import org.junit.Test;

/** Expectations and their filter refuse bad input naming the field and value, and serialize. */
public class ExpectationValidationTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    public void badFieldsAreNamed() throws Exception {
        Tuple master = Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21);
        Tuple expected = Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 0, 50000);
        assertEquals("master: is required", message(() -> Expectation.builder(null, expected)));
        assertEquals("timeout: -2 is out of range 0..4294967295",
                message(() -> Expectation.builder(master, expected).timeout(-2)));
        assertEquals("zone: 65536 is out of range 0..65535",
                message(() -> Expectation.builder(master, expected).zone(65536)));
        assertEquals("helper: 'a helper name that is too long' is not a helper name (1..15 bytes, no NUL)",
                message(() -> Expectation.builder(master, expected).helper("a helper name that is too long")));
        Tuple udpMask = Tuple.udp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 0);
        assertTrue(message(() -> Expectation.builder(master, expected).mask(udpMask).build()).startsWith("mask:"));
        Tuple v6 = Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 0, 1);
        assertTrue(message(() -> Expectation.builder(master, v6).build()).startsWith("master:"));
        assertEquals("expectedDestinationPort: a port filter needs a protocol with ports (tcp, udp, udplite, sctp, "
                + "dccp)", message(() -> ExpectationFilter.builder().expectedDestinationPort(21).build()));
        assertTrue(message(() -> ExpectationFilter.builder().family(AddressFamily.IPV6)
                .masterSource("192.0.2.0/24").build()).startsWith("masterSource: 192.0.2.0/24"));
    }

    @Test
    public void filterSelectsByEveryField() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21),
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 0, 50000)).helper("ftp").zone(3).build();
        assertTrue(ExpectationFilter.ALL.matches(x));
        assertTrue(ExpectationFilter.builder().helper("ftp").zone(3).protocol(Protocol.TCP).expectedDestinationPort(
                50000).masterProtocol(Protocol.TCP).masterDestinationPort(21).masterSource("192.0.2.0/24")
                .expectedSource("192.0.2.1").build().matches(x));
        assertFalse(ExpectationFilter.builder().helper("sip").build().matches(x));
        assertFalse(ExpectationFilter.builder().zone(0).build().matches(x));
        assertFalse(ExpectationFilter.builder().protocol(Protocol.TCP).expectedSourcePort(1).build().matches(x));
        assertFalse(ExpectationFilter.builder().family(AddressFamily.IPV6).build().matches(x));
    }

    @Test
    public void serializes() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21),
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 0, 50000)).helper("ftp").timeout(9)
                .flags(ExpectationFlag.PERMANENT).nat(new ExpectationNat(false, Tuple.tcp(ip("203.0.113.1"),
                        ip("0.0.0.0"), 2000, 0))).id(5).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(x);
            out.writeObject(ExpectationFilter.builder().helper("ftp").build());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(x, in.readObject());
            assertEquals(ExpectationFilter.builder().helper("ftp").build(), in.readObject());
        }
    }
}
