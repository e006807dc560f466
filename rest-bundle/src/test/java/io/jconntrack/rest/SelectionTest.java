package io.jconntrack.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import org.junit.Test;

public class SelectionTest {

    private static MultivaluedMap<String, String> query(String... pairs) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.add(pairs[i], pairs[i + 1]);
        }
        return q;
    }

    private static String refusal(MultivaluedMap<String, String> q) {
        try {
            Selection.of(q, Set.of("netns"));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        fail("accepted " + q);
        return null;
    }

    @Test
    public void everyParameterReachesTheFilter() {
        ConntrackFilter f = Selection.of(query("protocol", "tcp", "zone", "4101", "source", "192.0.2.0/24",
                "destinationPort", "443", "mark", "0x10", "markMask", "0xf0", "status", "ASSURED,SEEN_REPLY",
                "sourceNat", "", "netns", "blue"), Set.of("netns"));
        assertEquals(Protocol.TCP, f.protocol());
        assertEquals(Integer.valueOf(4101), f.zone());
        assertEquals("192.0.2.0", f.source().address().getHostAddress());
        assertEquals(24, f.source().prefixLength());
        assertEquals(Integer.valueOf(443), f.destinationPort());
        assertEquals(Long.valueOf(0x10), f.mark());
        assertEquals(0xf0, f.markMask());
        assertEquals(Set.of(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY), f.status());
        assertTrue(f.hasNatSelection());
        assertTrue(Selection.of(query("netns", "blue"), Set.of("netns")).isEmpty());
        assertEquals(Integer.valueOf(10), Selection.of(query("zone", "010"), Set.of()).zone());
        for (String name : Selection.PARAMETERS) {
            assertTrue(name, name.matches("[a-z][A-Za-z]*"));
        }
    }

    @Test
    public void refusalsNameTheParameter() {
        for (Map.Entry<String, String> bad : Map.of("sourcePort", "70000", "zone", "abc", "protocol", "tcpp",
                "destination", "300.1.1.1", "status", "BOGUS", "markMask", "1").entrySet()) {
            String message = refusal(query(bad.getKey(), bad.getValue()));
            assertTrue(message, message.startsWith(bad.getKey() + ": "));
        }
        assertTrue(refusal(query("zoen", "1")).startsWith("zoen: unknown query parameter"));
        MultivaluedMap<String, String> twice = query("zone", "1");
        twice.put("zone", List.of("1", "2"));
        assertEquals("zone: given 2 times", refusal(twice));
    }
}
