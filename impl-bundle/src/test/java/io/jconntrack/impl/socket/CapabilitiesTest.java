package io.jconntrack.impl.socket;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class CapabilitiesTest {
    private static final long NET_ADMIN = 1L << 12;
    private static final long SYS_ADMIN = 1L << 21;

    @Test
    public void decodesCapEffOfAStatusFile() {
        String status = "Name:\tjava\nCapInh:\t0000000000001000\nCapPrm:\t0000000000201000\n"
                + "CapEff:\t0000000000201000\nCapBnd:\t0000000000201000\nCapAmb:\t0000000000201000\n";
        Capabilities c = Capabilities.parseStatus(status);
        assertEquals(NET_ADMIN | SYS_ADMIN, c.mask());
        assertTrue(c.has(Capabilities.CAP_NET_ADMIN));
        assertTrue(c.has(Capabilities.CAP_SYS_ADMIN));
        assertEquals(0, c.unneededCount());
    }

    @Test
    public void describesWhatWorksWithoutAMissingCapability() {
        assertTrue(Capabilities.ofMask(NET_ADMIN | SYS_ADMIN).describe(),
                Capabilities.ofMask(NET_ADMIN | SYS_ADMIN).describe().startsWith("has CAP_NET_ADMIN and CAP_SYS_ADMIN"));
        String netOnly = Capabilities.ofMask(NET_ADMIN).describe();
        assertTrue(netOnly, netOnly.contains("no CAP_SYS_ADMIN: only the controller's own network namespace"));
        String none = Capabilities.ofMask(0).describe();
        assertTrue(none, none.contains("neither CAP_NET_ADMIN nor CAP_SYS_ADMIN"));
        assertTrue(none, none.contains("no CAP_NET_ADMIN: every conntrack request fails with EPERM"));
        String root = Capabilities.ofMask(0x000001fffeffffffL).describe();
        assertTrue(root, root.contains("more capabilities are effective than jconntrack needs"));
        assertFalse(netOnly, netOnly.contains("more capabilities"));
    }

    @Test
    public void refusesAStatusWithoutCapEff() {
        assertThrows(IllegalArgumentException.class, () -> Capabilities.parseStatus("Name:\tjava\n"));
        assertThrows(IllegalArgumentException.class, () -> Capabilities.parseStatus("CapEff:\tzz\n"));
    }

    @Test
    public void readsThisProcess() throws Exception {
        Capabilities.ofThisProcess(); // present on every Linux; the value depends on who runs the build
    }
}
