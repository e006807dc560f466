package io.jconntrack.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class FilterQueryTest {

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> q = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return q;
    }

    private static String refusal(Map<String, List<String>> q) {
        try {
            FilterQuery.of(q, Set.of("netns"));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        fail("accepted " + q);
        return null;
    }

    @Test
    public void theResourcesOwnParametersMayNotBeRepeatedEither() {
        assertEquals("netns: given 2 times", refusal(query("netns", "a", "netns", "b")));
        assertEquals("zone: given 2 times", refusal(query("zone", "1", "zone", "2")));
    }

    @Test
    public void refusalsDoNotNameTheParsersInternals() {
        for (String body : List.of("[".repeat(1001) + "]".repeat(1001), "{\"zone\": NaN}", "{\"zone\": 1} x")) {
            try {
                Json.parse(body);
                fail("accepted " + body);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("body: "));
                assertTrue(e.getMessage(), !e.getMessage().contains("`") && !e.getMessage().contains("Feature")
                        && !e.getMessage().contains("Constraints") && !e.getMessage().contains("com.fasterxml"));
            }
        }
    }

    @Test
    public void aDocumentWithADuplicateFieldOrTrailingContentIsRefused() {
        for (String body : List.of("{\"zone\": 1, \"zone\": 2}", "{\"zone\": 1} {}", "[1] x")) {
            try {
                Json.parse(body);
                fail("accepted " + body);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("body: not JSON ("));
            }
        }
    }

    @Test
    public void everyParameterReachesTheFilter() {
        ConntrackFilter f = FilterQuery.of(query("protocol", "tcp", "zone", "4101", "source", "192.0.2.0/24",
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
        assertTrue(FilterQuery.of(query("netns", "blue"), Set.of("netns")).isEmpty());
        assertEquals(Integer.valueOf(10), FilterQuery.of(query("zone", "010"), Set.of()).zone());
        for (String name : FilterQuery.PARAMETERS) {
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
        Map<String, List<String>> twice = query("zone", "1");
        twice.put("zone", List.of("1", "2"));
        assertEquals("zone: given 2 times", refusal(twice));
    }

    /** The remote client sends encode(f); the agent must read back exactly f, for every kind of selection. */
    @Test
    public void encodeIsTheInverseOfOf() throws Exception {
        java.net.InetAddress a = java.net.InetAddress.getByName("192.0.2.7");
        List<ConntrackFilter> filters = List.of(ConntrackFilter.ALL, ConntrackFilter.zone(0),
                ConntrackFilter.builder().family(io.jconntrack.api.AddressFamily.IPV6).protocol(Protocol.of(200))
                        .source("2001:db8::/32").build(),
                ConntrackFilter.builder().protocol(Protocol.TCP).zone(65535).originalZone(3).replyZone(4)
                        .mark(0x10, 0xf0).destination("198.51.100.0/24").sourcePort(0).replySource("10.0.0.1")
                        .replyDestination("10.0.0.0/8").replySourcePort(80).replyDestinationPort(1)
                        .status(StatusFlag.ASSURED, StatusFlag.SEEN_REPLY).tcpState(io.jconntrack.api.TcpState.TIME_WAIT)
                        .labels(Set.of(0, 127)).secmark(5).build(),
                ConntrackFilter.builder().sharedZone(7).mark(3).build(),
                ConntrackFilter.builder().sourceNat(io.jconntrack.api.NatTarget.ANY).build(),
                ConntrackFilter.builder().destinationNat(new io.jconntrack.api.NatTarget(a, 8080)).build(),
                ConntrackFilter.builder().anyNat(new io.jconntrack.api.NatTarget(a, null)).build(),
                ConntrackFilter.builder().anyNat(new io.jconntrack.api.NatTarget(null, 53)).build(),
                ConntrackFilter.builder().sourceNat(io.jconntrack.api.NatTarget.parse("n", "[2001:db8::9]:22")).build());
        for (ConntrackFilter f : filters) {
            Map<String, List<String>> q = new java.util.LinkedHashMap<>();
            FilterQuery.encode(f).forEach((k, v) -> q.put(k, List.of(v)));
            assertEquals(f.toString(), f, FilterQuery.of(q, Set.of()));
        }
    }
}
