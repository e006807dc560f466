package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.util.List;

/**
 * One entry as one line of JSON (JSON Lines), so that large dumps can be streamed and read line by line. The same
 * document as the REST agent's ({@code io.jconntrack.json.EntryJson}, which {@code JsonFormatAgreementTest} checks),
 * written without a JSON library so that the console bundle needs none.
 */
public final class JsonFormat {

    public String format(ConntrackEntry e) {
        Json j = new Json()
                .field("family", e.family().label())
                .field("proto", e.protocol().name())
                .number("protonum", e.protocol().number());
        if (e.timeout() != ConntrackEntry.NO_TIMEOUT) {
            j.unsigned("timeout", e.timeout());
        }
        String state = e.tcpState() != null ? e.tcpState().name()
                : e.sctpState() != null ? e.sctpState().name()
                : e.dccpState() != null ? e.dccpState().name() : null;
        j.field("state", state)
                .object("original", tuple(e.original(), e.originalCounters()))
                .object("reply", tuple(e.reply(), e.replyCounters()))
                .number("zone", e.zone());
        if (e.zoneDirection() != ZoneDirection.BOTH) {
            j.field("zoneDirection", e.zoneDirection().name());
        }
        j.unsigned("mark", e.mark());
        if (e.secmark() != 0) {
            j.unsigned("secmark", e.secmark());
        }
        j.strings("status", e.status());
        if (e.sctpOriginalVtag() != 0 || e.sctpReplyVtag() != 0) {
            j.numbers("sctpVtags", List.of(e.sctpOriginalVtag(), e.sctpReplyVtag()));
        }
        if (e.start() != null) {
            j.field("start", e.start().toString());
        }
        if (e.stop() != null) {
            j.field("stop", e.stop().toString());
        }
        if (!e.labels().isEmpty()) {
            j.numbers("labels", e.labels());
        }
        // NAT to set up on creation (a listed entry shows its NAT in the tuples instead).
        if (e.sourceNat() != null) {
            j.field("sourceNat", e.sourceNat().toString());
        }
        if (e.destinationNat() != null) {
            j.field("destinationNat", e.destinationNat().toString());
        }
        j.field("helper", e.helper());
        if (e.id() != 0) {
            j.unsigned("id", e.id());
        }
        if (e.use() != 0) {
            j.unsigned("use", e.use());
        }
        return j.toString();
    }

    private static Json tuple(Tuple t, Counters c) {
        Json j = new Json()
                .field("src", AddressText.of(t.source()))
                .field("dst", AddressText.of(t.destination()));
        Protocol p = t.protocol();
        if (p.hasPorts()) {
            j.number("sport", t.sourcePort()).number("dport", t.destinationPort());
        } else if (p.equals(Protocol.GRE)) {
            j.number("srckey", t.sourcePort()).number("dstkey", t.destinationPort());
        } else if (p.isIcmp()) {
            j.number("type", t.icmpType()).number("code", t.icmpCode()).number("id", t.icmpId());
        }
        if (c != null) {
            j.unsigned("packets", c.packets()).unsigned("bytes", c.bytes());
        }
        return j;
    }
}
