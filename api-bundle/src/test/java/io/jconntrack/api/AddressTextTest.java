package io.jconntrack.api;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Expected texts are what glibc's inet_ntop gives. */
public class AddressTextTest {

    private static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static String text(String address) {
        return AddressText.of(ip(address));
    }

    /** {@code ::ffff:a.b.c.d} would become an Inet4Address in Java; the formatter still handles the bytes. */
    private static String bytes(int... words) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return AddressText.ipv6(b);
    }

    @Test
    public void ipv4() {
        assertEquals("192.0.2.1", text("192.0.2.1"));
        assertEquals("0.0.0.0", text("0.0.0.0"));
    }

    @Test
    public void compressesLongestZeroRun() {
        assertEquals("2001:db8::1", text("2001:db8:0:0:0:0:0:1"));
        assertEquals("2001:db8:1::7", text("2001:db8:1:0:0:0:0:7"));
        assertEquals("::1", text("::1"));
        assertEquals("::", text("::"));
        assertEquals("2001:db8::", text("2001:db8::"));
        assertEquals("fe80::1:2:3:4", text("fe80::1:2:3:4"));
    }

    @Test
    public void firstRunWinsOnTieAndSingleZeroIsKept() {
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:0:db8:1:2:3:4:5", text("2001:0:db8:1:2:3:4:5"));
        assertEquals("1:0:0:2::3", text("1:0:0:2:0:0:0:3"));
    }

    @Test
    public void embeddedIpv4() {
        assertEquals("::ffff:192.0.2.1", bytes(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201));
        assertEquals("::192.0.2.1", bytes(0, 0, 0, 0, 0, 0, 0xc000, 0x0201));
        assertEquals("::2", bytes(0, 0, 0, 0, 0, 0, 0, 2));
    }

    @Test
    public void lowerCaseHexWithoutLeadingZeros() {
        assertEquals("2001:db8:abcd:12::ff", text("2001:0DB8:ABCD:0012:0:0:0:00FF"));
    }
}
