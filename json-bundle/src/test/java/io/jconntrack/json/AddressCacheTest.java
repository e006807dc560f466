package io.jconntrack.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import org.junit.Test;

public class AddressCacheTest {

    @Test
    public void dottedQuadsReadAsTheJdkReadsThem() throws Exception {
        for (String a : new String[] {"0.0.0.0", "10.5.163.102", "255.255.255.255", "192.0.2.1", "1.2.3.4"}) {
            assertEquals(a, InetAddress.getByName(a), AddressCache.dottedQuad(a));
        }
    }

    @Test
    public void anythingElseIsLeftToTheGeneralParser() throws Exception {
        for (String a : new String[] {"256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..3.4", ".1.2.3", "1.2.3.",
            "1.2.3.4 ", "2001:db8::1", "1.2.3.1000", "a.b.c.d", ""}) {
            assertNull(a, AddressCache.dottedQuad(a));
        }
        AddressCache cache = new AddressCache();
        assertEquals(InetAddress.getByName("2001:db8::1"), cache.parse("source", "2001:db8::1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cache.parse("source", "256.0.0.1"));
        assertTrue(e.getMessage(), e.getMessage().startsWith("source: '256.0.0.1' is not a numeric"));
        assertEquals(InetAddress.getByName("10.0.0.1"), cache.parse("destination", "10.0.0.1"));
        assertEquals("the same address object from the cache", cache.parse("destination", "10.0.0.1"),
                cache.parse("source", "10.0.0.1"));
    }
}
