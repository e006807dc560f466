package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import io.jconntrack.shell.Entries;
import java.time.Instant;
import org.junit.Test;

public class JsonFormatTest {
    private final JsonFormat f = new JsonFormat();

    @Test
    public void tcpEntry() {
        assertEquals("{\"family\":\"ipv4\",\"proto\":\"tcp\",\"protonum\":6,\"timeout\":294,\"state\":\"ESTABLISHED\","
                + "\"original\":{\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.1\",\"sport\":1,\"dport\":2},"
                + "\"reply\":{\"src\":\"198.51.100.1\",\"dst\":\"192.0.2.1\",\"sport\":2,\"dport\":1},"
                + "\"zone\":5,\"mark\":7,\"status\":[\"CONFIRMED\"],\"id\":1368869587,\"use\":1}",
                f.format(Entries.tcpUnreplied()));
    }

    @Test
    public void icmpv6CountersAndTimestamps() {
        assertEquals("{\"family\":\"ipv6\",\"proto\":\"icmpv6\",\"protonum\":58,\"timeout\":24,"
                + "\"original\":{\"src\":\"2001:db8::7\",\"dst\":\"2001:db8:1::7\",\"type\":128,\"code\":0,\"id\":4444},"
                + "\"reply\":{\"src\":\"2001:db8:1::7\",\"dst\":\"2001:db8::7\",\"type\":129,\"code\":0,\"id\":4444},"
                + "\"zone\":0,\"mark\":0,\"status\":[\"CONFIRMED\"],\"use\":1}", f.format(Entries.icmpv6()));
        String c = f.format(Entries.tcpCounters().toBuilder()
                .timestamps(Instant.parse("2026-11-25T12:22:19Z"), null).build());
        assertEquals(true, c.contains("\"sport\":20,\"dport\":21,\"packets\":0,\"bytes\":0}"));
        assertEquals(true, c.contains("\"status\":[\"SEEN_REPLY\",\"ASSURED\",\"CONFIRMED\"],"
                + "\"start\":\"2026-11-25T12:22:19Z\""));
    }

    @Test
    public void helperNameIsEscaped() {
        String s = f.format(Entries.udp().toBuilder().helper("a\"b\\c\n\t\u0001\u2028").build());
        assertEquals(true, s.contains("\"helper\":\"a\\\"b\\\\c\\n\\t\\u0001\\u2028\""));
    }

    @Test
    public void escaping() {
        assertEquals("\"plain\"", Json.quote("plain"));
        assertEquals("\"q\\\" b\\\\ s/\"", Json.quote("q\" b\\ s/"));
        assertEquals("\"\\r\\n\\t\\b\\f\\u0000\\u001f\"", Json.quote("\r\n\t\b\f\u0000\u001f"));
        assertEquals("\"é ✓ \uD83D\uDE00\"", Json.quote("é ✓ \uD83D\uDE00"));
    }
}
