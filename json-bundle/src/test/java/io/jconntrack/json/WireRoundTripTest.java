package io.jconntrack.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Counters;
import io.jconntrack.api.CpuStatistics;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Failure;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** What the node agent writes, the remote client reads back as the same values: every codec, both directions. */
public class WireRoundTripTest {

    private static InetAddress ip(String text) throws IOException {
        return InetAddress.getByName(text);
    }

    private static String text(ConntrackEntry e) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            EntryJson.write(g, e);
        }
        return w.toString();
    }

    private static List<ConntrackEntry> entries() throws IOException {
        Tuple tcp = Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 40000, 443);
        return List.of(
                ConntrackEntry.builder(tcp).reply(Tuple.tcp(ip("198.51.100.1"), ip("203.0.113.9"), 443, 61000))
                        .zone(4101, ZoneDirection.ORIGINAL).mark(0xdeadbeefL).secmark(3).timeout(431999)
                        .tcpState(TcpState.ESTABLISHED)
                        .status(StatusFlag.CONFIRMED, StatusFlag.ASSURED, StatusFlag.SEEN_REPLY, StatusFlag.SRC_NAT,
                                StatusFlag.SRC_NAT_DONE)
                        .counters(new Counters(10, 1000), new Counters(9, 9000))
                        .timestamps(Instant.parse("2026-11-30T06:00:00.123456789Z"), null)
                        .id(0xfffffffeL).use(1).labels(Set.of(0, 64, 127)).helper("ftp").build(),
                ConntrackEntry.builder(Tuple.icmp(ip("2001:db8::1"), ip("2001:db8::2"), 128, 0, 4444)).timeout(30)
                        .build(),
                ConntrackEntry.builder(Tuple.of(Protocol.SCTP, ip("192.0.2.3"), ip("198.51.100.3"), 5000, 5001))
                        .sctpState(SctpState.ESTABLISHED).sctpVtags(1, 0xffffffffL).timeout(5).build(),
                ConntrackEntry.builder(Tuple.addressesOnly(Protocol.of(200), ip("192.0.2.4"), ip("192.0.2.5")))
                        .timeout(600).build(),
                ConntrackEntry.builder(Tuple.of(Protocol.GRE, ip("192.0.2.6"), ip("192.0.2.7"), 1, 2)).timeout(60)
                        .build());
    }

    @Test
    public void listedEntriesComeBackEqualWithWhatTheKernelReported() throws IOException {
        for (ConntrackEntry e : entries()) {
            ConntrackEntry back = EntryJson.readListed(Json.parse(text(e)), "entry");
            assertEquals(text(e), e, back);
            assertEquals(e.originalCounters(), back.originalCounters());
            assertEquals(e.replyCounters(), back.replyCounters());
            assertEquals(e.start(), back.start());
            assertEquals(e.stop(), back.stop());
            assertEquals(e.helper(), back.helper());
            assertEquals(e.labels(), back.labels());
        }
    }

    @Test
    public void entriesToCreateKeepTheirNat() throws IOException {
        ConntrackEntry e = ConntrackEntry.builder(Tuple.udp(ip("10.0.0.1"), ip("192.0.2.1"), 5000, 53)).timeout(30)
                .sourceNat(NatTarget.parse("n", "203.0.113.1:7000")).destinationNat(NatTarget.parse("n", "10.9.9.9"))
                .build();
        ConntrackEntry back = EntryJson.read(Json.parse(text(e)), "entry");
        assertEquals(e.sourceNat(), back.sourceNat());
        assertEquals(e.destinationNat(), back.destinationNat());
        assertEquals(e, back);
    }

    @Test
    public void eventsKeepTypeEntryAndPortId() throws IOException {
        ConntrackEntry e = entries().get(0);
        ConntrackEvent fromProcess = new ConntrackEvent(EventType.NEW, e, 4242);
        assertEquals(fromProcess, EventJson.read(EventType.NEW, EventJson.text(fromProcess)));
        ConntrackEvent fromKernel = new ConntrackEvent(EventType.DESTROY, e, 0);
        assertEquals(fromKernel, EventJson.read(EventType.DESTROY, EventJson.text(fromKernel)));
    }

    @Test
    public void kernelErrorsComeBackAsTheSameExceptionNamingTheNode() throws IOException {
        Tuple t = Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2);
        ConntrackException e = new ConntrackException("create", 17, "EEXIST", "File exists", "already there", "blue",
                t, null);
        RuntimeException back = ErrorBody.toException(ErrorBody.status(e), Json.parse(Json.text(ErrorBody.of(e))),
                "node1", "create", "blue");
        ConntrackException c = (ConntrackException) back;
        assertEquals(409, ErrorBody.status(e));
        assertEquals("create", c.operation());
        assertEquals(17, c.errno());
        assertEquals("EEXIST", c.errnoName());
        assertEquals("File exists", c.errnoText());
        assertEquals("already there", c.kernelMessage());
        assertEquals("blue", c.namespace());
        assertEquals(t, c.tuple());
        assertEquals("node1", c.node());
        assertTrue(c.getMessage(), c.getMessage().startsWith("create failed on node 'node1' in network namespace "
                + "'blue': EEXIST (File exists)"));
    }

    @Test
    public void badInputComesBackAsIllegalArgumentAndOtherStatusesNameThem() {
        IllegalArgumentException bad = new IllegalArgumentException("zone: 70000 is out of range 0..65535");
        RuntimeException back = ErrorBody.toException(400, ErrorBody.of(bad), "n", "count", null);
        assertTrue(back instanceof IllegalArgumentException);
        assertEquals(bad.getMessage(), back.getMessage());
        assertEquals("zone", ErrorBody.of(bad).get("field").asText());
        ConntrackException denied = (ConntrackException) ErrorBody.toException(403,
                ErrorBody.of(403, "forbidden", "user 'v' lacks role 'admin' for DELETE"), "n", "flush", "blue");
        assertEquals("flush", denied.operation());
        assertEquals("n", denied.node());
        assertNull(denied.errnoName());
        assertTrue(denied.getMessage(), denied.getMessage().contains("HTTP 403 forbidden: user 'v' lacks role"));
    }

    @Test
    public void resultsStatisticsChangesAndUpdatesComeBackEqual() throws IOException {
        Tuple t = Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2);
        List<Failure> failures = List.of(new Failure(t, 5, "ENOENT", "No such file or directory"),
                new Failure(null, 0, "ENOBUFS", "no buffer space"));
        assertEquals(new BulkResult(7, failures),
                ResultJson.readBulk(Json.parse(Json.text(ResultJson.write("created", 7, failures))), "created"));
        DeleteResult d = new DeleteResult(3, 2, failures);
        assertEquals(d, ResultJson.readDelete(Json.parse(Json.text(ResultJson.write(d)))));

        ConntrackStatistics s = new ConntrackStatistics(12, 262144, List.of(
                new CpuStatistics(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), new CpuStatistics(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals(s, StatisticsJson.read(Json.parse(Json.text(StatisticsJson.write(s)))));

        ConntrackChange c = ConntrackChange.builder().mark(0x10, 0xf0).labelsToSet(Set.of(1)).labelsToClear(Set.of(2))
                .status(Set.of(StatusFlag.ASSURED)).timeout(99).build();
        assertEquals(c, ChangeJson.read(Json.parse(Json.text(ChangeJson.write(c)))));

        ConntrackUpdate u = ConntrackUpdate.of(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2), 9).mark(4)
                .timeout(10).status(Set.of(StatusFlag.ASSURED)).labels(Set.of(3)).tcpState(TcpState.TIME_WAIT).build();
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            UpdateJson.write(g, u);
        }
        assertEquals(u, UpdateJson.read(Json.parse(w.toString()), "update"));
    }
}
