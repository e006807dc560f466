package io.jconntrack.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.util.Set;
import org.junit.Test;

public class EntryJsonTest {

    @Test
    public void createBodyBecomesTheEntryAndWritesBackTheSameFields() {
        ConntrackEntry e = EntryJson.read(Json.parse("{\"proto\":\"tcp\",\"original\":{\"src\":\"192.0.2.1\","
                + "\"dst\":\"198.51.100.1\",\"sport\":1234,\"dport\":80},\"zone\":7,\"timeout\":300,"
                + "\"state\":\"ESTABLISHED\",\"mark\":5,\"status\":[\"ASSURED\"],\"labels\":[1,64]}"), "entry");
        assertEquals(Protocol.TCP, e.protocol());
        assertEquals(1234, e.original().sourcePort());
        assertEquals(7, e.zone());
        assertEquals(300, e.timeout());
        assertEquals(TcpState.ESTABLISHED, e.tcpState());
        assertEquals(5, e.mark());
        assertTrue(e.status().contains(StatusFlag.ASSURED));
        assertEquals(Set.of(1, 64), e.labels());
        String text = EntryJson.text(e);
        assertTrue(text, text.startsWith("{\"family\":\"ipv4\",\"proto\":\"tcp\",\"protonum\":6,\"timeout\":300,"
                + "\"state\":\"ESTABLISHED\",\"original\":{\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.1\","
                + "\"sport\":1234,\"dport\":80},\"reply\":{\"src\":\"198.51.100.1\",\"dst\":\"192.0.2.1\","
                + "\"sport\":80,\"dport\":1234},\"zone\":7,\"mark\":5,\"status\":[\"ASSURED\"]"));
        assertEquals(e.original(), EntryJson.read(Json.parse(text.replaceAll(",\"family\":\"ipv4\"|\"family\":\"ipv4\",",
                "").replace(",\"protonum\":6", "")), "entry").original());
    }

    @Test
    public void badBodiesNameTheField() {
        String tuple = "\"original\":{\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.1\",\"sport\":1,\"dport\":2}";
        assertRefused("{\"proto\":\"tcp\"," + tuple + ",\"zone\":70000}", "zone: ");
        assertRefused("{\"proto\":\"tcp\"," + tuple + ",\"timeout\":\"soon\"}", "entry.timeout: expected an integer");
        assertRefused("{\"proto\":\"tcp\"," + tuple + ",\"tiemout\":5}", "entry.tiemout: unknown field");
        assertRefused("{\"proto\":\"tcp\"}", "entry.original: is required");
        assertRefused("{\"proto\":\"tcp\",\"original\":{\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.1\","
                + "\"sport\":70000}}", "sourcePort: ");
        assertRefused("{\"proto\":\"udp\"," + tuple + ",\"state\":\"ESTABLISHED\"}", "state: ");
        assertRefused("{\"proto\":", "body: not JSON");
    }

    private static void assertRefused(String body, String prefix) {
        try {
            EntryJson.read(Json.parse(body), "entry");
            fail("accepted " + body);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(prefix));
        }
    }
}
