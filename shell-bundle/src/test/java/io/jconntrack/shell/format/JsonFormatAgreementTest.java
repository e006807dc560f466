package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import io.jconntrack.json.EntryJson;
import java.net.InetAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The console's {@code -o json} writes the same document as the REST agent, key for key and value for value. */
public class JsonFormatAgreementTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    public void everyFieldOfAnEntryIsWrittenAsTheAgentWritesIt() throws Exception {
        List<ConntrackEntry> entries = List.of(
                ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 40000, 443))
                        .tcpState(TcpState.ESTABLISHED).timeout(300).zone(7, ZoneDirection.ORIGINAL).mark(0xff)
                        .secmark(12).labels(Set.of(1, 5)).status(EnumSet.of(StatusFlag.ASSURED))
                        .sourceNat(NatTarget.parse("sourceNat", "203.0.113.5:4000"))
                        .destinationNat(NatTarget.parse("destinationNat", "203.0.113.6")).helper("ftp")
                        .counters(new Counters(3, 180), new Counters(2, 120))
                        .timestamps(Instant.ofEpochSecond(1_700_000_000, 5), null).id(4_000_000_000L).use(1).build(),
                ConntrackEntry.builder(new Tuple(ip("2001:db8::1"), ip("2001:db8::2"), Protocol.SCTP, 1, 2, 0, 0, 0))
                        .sctpState(SctpState.ESTABLISHED).sctpVtags(10, 20).timeout(60).build(),
                ConntrackEntry.builder(Tuple.icmp(ip("192.0.2.3"), ip("198.51.100.3"), 8, 0, 3333)).timeout(30)
                        .build());
        for (ConntrackEntry e : entries) {
            assertEquals(e.toString(), MAPPER.readTree(EntryJson.text(e)),
                    MAPPER.readTree(new JsonFormat().format(e)));
        }
    }
}
