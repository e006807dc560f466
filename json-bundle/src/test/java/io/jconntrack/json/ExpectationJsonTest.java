package io.jconntrack.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.Protocol;
import java.util.Set;
import org.junit.Test;

public class ExpectationJsonTest {
    private static final String BODY = "{\"proto\":\"udp\",\"master\":{\"proto\":\"tcp\",\"src\":\"192.0.2.2\","
            + "\"dst\":\"192.0.2.1\",\"sport\":40001,\"dport\":1720},\"expected\":{\"src\":\"192.0.2.1\","
            + "\"dst\":\"192.0.2.2\",\"sport\":0,\"dport\":7000},\"mask\":{\"src\":\"255.255.255.255\","
            + "\"dst\":\"255.255.255.255\",\"sport\":0,\"dport\":65535},\"timeout\":60,\"zone\":3,\"helper\":\"RAS\","
            + "\"class\":1,\"flags\":[\"PERMANENT\"],\"nat\":{\"dir\":\"reply\",\"src\":\"203.0.113.1\","
            + "\"dst\":\"0.0.0.0\",\"sport\":7001,\"dport\":0},\"fn\":\"nat-follow-master\"}";

    @Test
    public void aBodyBecomesTheExpectationAndWritesBackTheSameFields() {
        Expectation x = ExpectationJson.read(Json.parse(BODY), "expectation");
        assertEquals(Protocol.TCP, x.master().protocol());
        assertEquals(Protocol.UDP, x.expected().protocol());
        assertEquals(7000, x.expected().destinationPort());
        assertEquals(3, x.zone());
        assertEquals(Set.of(ExpectationFlag.PERMANENT), x.flags());
        assertTrue(x.nat().reply());
        assertEquals(7001, x.nat().tuple().sourcePort());
        String text = ExpectationJson.text(x);
        assertEquals(x, ExpectationJson.read(Json.parse(text.replace("\"family\":\"ipv4\",", "")
                .replace(",\"protonum\":17", "").replace(",\"proto\":\"udp\",\"src\":\"203", ",\"src\":\"203")),
                "expectation"));
        assertTrue(text, text.startsWith("{\"family\":\"ipv4\",\"proto\":\"udp\",\"protonum\":17,\"timeout\":60,"
                + "\"expected\":{\"src\":\"192.0.2.1\",\"dst\":\"192.0.2.2\",\"sport\":0,\"dport\":7000},"));
    }

    @Test
    public void greKeysGoThroughTheOneTupleCodec() throws Exception {
        java.net.InetAddress a = java.net.InetAddress.getByName("192.0.2.1");
        java.net.InetAddress b = java.net.InetAddress.getByName("198.51.100.1");
        io.jconntrack.api.Tuple master = io.jconntrack.api.Tuple.tcp(a, b, 40000, 1723);
        io.jconntrack.api.Tuple gre = new io.jconntrack.api.Tuple(b, a, Protocol.GRE, 7, 9, 0, 0, 0);
        Expectation x = Expectation.builder(master, gre).timeout(60).id(42).build();
        Expectation back = ExpectationJson.readListed(Json.parse(ExpectationJson.text(x)), "expectation");
        assertEquals(7, back.expected().sourcePort());
        assertEquals(9, back.expected().destinationPort());
        assertEquals(x.expected(), back.expected());
    }

    @Test
    public void aStreamIsReadTokenByTokenAndEventsCarryTheirPortId() throws Exception {
        Expectation x = ExpectationJson.read(Json.parse(BODY), "expectation");
        String line = ExpectationJson.text(x);
        try (com.fasterxml.jackson.core.JsonParser p = Json.parser(
                new java.io.ByteArrayInputStream((line + "\n" + line + "\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)))) {
            AddressCache addresses = new AddressCache();
            for (int i = 0; i < 2; i++) {
                assertEquals(com.fasterxml.jackson.core.JsonToken.START_OBJECT, p.nextToken());
                assertEquals(x, ExpectationJson.readListed(p, "expectation", addresses));
            }
        }
        io.jconntrack.api.ExpectationEvent e = new io.jconntrack.api.ExpectationEvent(
                io.jconntrack.api.EventType.NEW, x, 4321);
        String data = EventJson.text(e);
        assertTrue(data, data.endsWith(",\"portid\":4321}"));
        assertEquals(e, EventJson.readExpectation(io.jconntrack.api.EventType.NEW, data));
    }

    @Test
    public void badBodiesAndParametersNameTheField() {
        assertRefused(BODY.replace("\"timeout\":60", "\"timeout\":-5"), "timeout: ");
        assertRefused(BODY.replace("\"zone\":3", "\"zone\":70000"), "zone: ");
        assertRefused(BODY.replace("\"dport\":7000", "\"dport\":70000"), "destinationPort: ");
        assertRefused(BODY.replace("\"helper\":\"RAS\"", "\"helper\":\"a name too long for a helper\""), "helper: ");
        assertRefused(BODY.replace("\"flags\":[\"PERMANENT\"]", "\"flags\":[\"FOREVER\"]"), "flags: 'FOREVER'");
        assertRefused(BODY.replace("\"dir\":\"reply\"", "\"dir\":\"up\""), "nat.dir: 'up'");
        assertRefused("{\"proto\":\"tcp\"}", "expectation.master: is required");
        assertRefused(BODY.replace("\"class\"", "\"klass\""), "expectation.klass: unknown field");
        java.util.Map<String, java.util.List<String>> q = new java.util.LinkedHashMap<>();
        q.put("expectedDestinationPort", java.util.List.of("21"));
        try {
            ExpectationSelection.of(q, Set.of());
            fail("a port without protocol");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("expectedDestinationPort: "));
        }
        q.put("protocol", java.util.List.of("tcp"));
        q.put("helper", java.util.List.of("ftp"));
        assertEquals(ExpectationFilter.builder().protocol(Protocol.TCP).expectedDestinationPort(21).helper("ftp")
                .build(), ExpectationSelection.of(q, Set.of()));
        q.put("hepler", java.util.List.of("ftp"));
        try {
            ExpectationSelection.of(q, Set.of("netns"));
            fail("a misspelt parameter");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("hepler: unknown query parameter"));
        }
    }

    private static void assertRefused(String body, String prefix) {
        try {
            ExpectationJson.read(Json.parse(body), "expectation");
            fail("accepted " + body);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(prefix));
        }
    }
}
