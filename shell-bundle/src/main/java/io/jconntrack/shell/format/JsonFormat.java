package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;

/** One entry as one line of JSON (JSON Lines), so that large dumps can be streamed and read line by line. */
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
                .number("zone", e.zone())
                .unsigned("mark", e.mark())
                .strings("status", e.status());
        if (e.start() != null) {
            j.field("start", e.start().toString());
        }
        if (e.stop() != null) {
            j.field("stop", e.stop().toString());
        }
        if (!e.labels().isEmpty()) {
            j.strings("labels", e.labels());
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
