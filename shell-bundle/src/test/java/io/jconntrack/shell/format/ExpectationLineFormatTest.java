package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;
import org.junit.Test;

/** Lines as conntrack 1.4.7 printed them on Linux 6.18 (captured from the FTP helper's expectation). */
public class ExpectationLineFormatTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    public void theFtpHelpersExpectation() throws Exception {
        Expectation x = Expectation.builder(Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21),
                Tuple.tcp(ip("192.0.2.1"), ip("192.0.2.2"), 0, 50000))
                .mask(Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 65535)).timeout(298).helper("ftp")
                .build();
        assertEquals("298 proto=6 src=192.0.2.1 dst=192.0.2.2 sport=0 dport=50000 mask-src=255.255.255.255 "
                + "mask-dst=255.255.255.255 sport=0 dport=65535 master-src=192.0.2.2 master-dst=192.0.2.1 "
                + "sport=40001 dport=21 class=0 helper=ftp", ExpectationLineFormat.format(x));
        assertEquals("    [NEW] " + ExpectationLineFormat.format(x), ExpectationLineFormat.formatEvent(EventType.NEW,
                x));
        assertEquals("[DESTROY] " + ExpectationLineFormat.format(x),
                ExpectationLineFormat.formatEvent(EventType.DESTROY, x));
    }

    /** The tool's own -I expect sets a wrong protocol number (195) and no ports: nothing of layer 4 prints. */
    @Test
    public void anExpectationWithoutPortsAsTheToolCreatesThem() throws Exception {
        Protocol p = Protocol.of(195);
        Expectation x = Expectation.builder(Tuple.tcp(ip("192.0.2.2"), ip("192.0.2.1"), 40001, 21),
                Tuple.addressesOnly(p, ip("192.0.2.1"), ip("192.0.2.2")))
                .mask(Tuple.addressesOnly(p, ip("255.255.255.255"), ip("255.255.255.255"))).timeout(300)
                .helper("ftp").build();
        assertEquals("300 proto=195 src=192.0.2.1 dst=192.0.2.2 mask-src=255.255.255.255 mask-dst=255.255.255.255 "
                + "master-src=192.0.2.2 master-dst=192.0.2.1 sport=40001 dport=21 class=0 helper=ftp",
                ExpectationLineFormat.format(x));
    }

    @Test
    public void zoneAndFlagsComeBeforeTheClass() throws Exception {
        Expectation x = Expectation.builder(Tuple.udp(ip("2001:db8::2"), ip("2001:db8::1"), 5060, 5060),
                Tuple.udp(ip("2001:db8::1"), ip("2001:db8::2"), 0, 7000)).timeout(60).zone(7).expectationClass(1)
                .flags(ExpectationFlag.PERMANENT, ExpectationFlag.USERSPACE).helper("sip").build();
        assertEquals("60 proto=17 src=2001:db8::1 dst=2001:db8::2 sport=0 dport=7000 "
                + "mask-src=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff mask-dst=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff "
                + "sport=65535 dport=65535 master-src=2001:db8::2 master-dst=2001:db8::1 sport=5060 dport=5060 zone=7 "
                + "PERMANENT,USERSPACE class=1 helper=sip", ExpectationLineFormat.format(x));
    }
}
