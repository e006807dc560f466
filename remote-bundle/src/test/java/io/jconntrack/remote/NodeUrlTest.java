package io.jconntrack.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class NodeUrlTest {

    @Test
    public void httpsUrlsWithAHostAreTheBaseOfTheApi() {
        assertEquals("https://node1.example:8443/", NodeSettings.url("https://node1.example:8443").toString());
        assertEquals("https://[2001:db8::1]:8443/", NodeSettings.url("https://[2001:db8::1]:8443/").toString());
        assertEquals("https://10.0.0.1/", NodeSettings.url("https://10.0.0.1").toString());
        // As the agent logs it: "REST agent on https://127.0.0.1:8443/conntrack/v1, ..."
        assertEquals("https://127.0.0.1:8443/", NodeSettings.url("https://127.0.0.1:8443/conntrack/v1")
                .toString());
        assertEquals("https://127.0.0.1:8443/", NodeSettings.url("https://127.0.0.1:8443/conntrack/v1/")
                .toString());
    }

    @Test
    public void anythingElseIsRefusedNamingTheField() {
        for (String bad : new String[] {"http://node1:8443", "node1:8443", "https://", "https://node1/conntrack", "https://node1/api/conntrack/v1",
            "https://node1:8443/?x=1", "https://no de"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class,
                    () -> NodeSettings.url(bad));
            assertTrue(e.getMessage(), e.getMessage().startsWith("url: "));
        }
    }
}
