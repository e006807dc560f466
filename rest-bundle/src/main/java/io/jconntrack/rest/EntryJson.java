package io.jconntrack.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * An entry as one JSON object: the fields of {@code conntrack:list -o json} (so a line of the REST stream and of the
 * console read the same), plus what a client needs to rebuild the entry ({@code zoneDirection}, {@code secmark},
 * SCTP verification tags). Reading takes the same names, for creation; every value goes through the API's builders,
 * so errors name the API's field.
 */
final class EntryJson {
    private static final Set<String> ENTRY_FIELDS = Set.of("family", "proto", "protonum", "timeout", "state",
            "original", "reply", "zone", "zoneDirection", "mark", "secmark", "status", "labels", "sourceNat",
            "destinationNat", "sctpVtags", "start", "stop", "helper", "id", "use");
    private static final Set<String> TUPLE_FIELDS = Set.of("src", "dst", "sport", "dport", "srckey", "dstkey",
            "type", "code", "id", "packets", "bytes");

    private EntryJson() {
    }

    static void write(JsonGenerator g, ConntrackEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("family", e.family().label());
        g.writeStringField("proto", e.protocol().name());
        g.writeNumberField("protonum", e.protocol().number());
        if (e.timeout() != ConntrackEntry.NO_TIMEOUT) {
            g.writeNumberField("timeout", e.timeout());
        }
        String state = e.tcpState() != null ? e.tcpState().name() : e.sctpState() != null ? e.sctpState().name()
                : e.dccpState() != null ? e.dccpState().name() : null;
        if (state != null) {
            g.writeStringField("state", state);
        }
        g.writeFieldName("original");
        tuple(g, e.original(), e.originalCounters());
        g.writeFieldName("reply");
        tuple(g, e.reply(), e.replyCounters());
        g.writeNumberField("zone", e.zone());
        if (e.zoneDirection() != ZoneDirection.BOTH) {
            g.writeStringField("zoneDirection", e.zoneDirection().name());
        }
        g.writeNumberField("mark", e.mark());
        if (e.secmark() != 0) {
            g.writeNumberField("secmark", e.secmark());
        }
        g.writeArrayFieldStart("status");
        for (StatusFlag f : e.status()) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        if (e.sctpOriginalVtag() != 0 || e.sctpReplyVtag() != 0) {
            g.writeArrayFieldStart("sctpVtags");
            g.writeNumber(e.sctpOriginalVtag());
            g.writeNumber(e.sctpReplyVtag());
            g.writeEndArray();
        }
        if (e.start() != null) {
            g.writeStringField("start", e.start().toString());
        }
        if (e.stop() != null) {
            g.writeStringField("stop", e.stop().toString());
        }
        if (!e.labels().isEmpty()) {
            g.writeArrayFieldStart("labels");
            for (int bit : e.labels()) {
                g.writeNumber(bit);
            }
            g.writeEndArray();
        }
        if (e.helper() != null) {
            g.writeStringField("helper", e.helper());
        }
        if (e.id() != 0) {
            g.writeNumberField("id", e.id());
        }
        if (e.use() != 0) {
            g.writeNumberField("use", e.use());
        }
        g.writeEndObject();
    }

    static String text(ConntrackEntry e) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            write(g, e);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        return w.toString();
    }

    private static void tuple(JsonGenerator g, Tuple t, Counters c) throws IOException {
        g.writeStartObject();
        g.writeStringField("src", t.source().getHostAddress());
        g.writeStringField("dst", t.destination().getHostAddress());
        Protocol p = t.protocol();
        if (p.hasPorts()) {
            g.writeNumberField("sport", t.sourcePort());
            g.writeNumberField("dport", t.destinationPort());
        } else if (p.equals(Protocol.GRE)) {
            g.writeNumberField("srckey", t.sourcePort());
            g.writeNumberField("dstkey", t.destinationPort());
        } else if (p.isIcmp()) {
            g.writeNumberField("type", t.icmpType());
            g.writeNumberField("code", t.icmpCode());
            g.writeNumberField("id", t.icmpId());
        }
        if (c != null) {
            g.writeNumberField("packets", c.packets());
            g.writeNumberField("bytes", c.bytes());
        }
        g.writeEndObject();
    }

    /** An entry to create, from the object {@code node} ({@code at} names it in errors, e.g. {@code entries[3]}). */
    static ConntrackEntry read(JsonNode node, String at) {
        JsonFields f = new JsonFields(node, at, ENTRY_FIELDS);
        Protocol protocol = Protocol.parse(f.requiredText("proto"));
        Tuple original = tuple(f.object("original", true), at + ".original", protocol);
        ConntrackEntry.Builder b = ConntrackEntry.builder(original);
        JsonNode reply = f.object("reply", false);
        if (reply != null) {
            b.reply(tuple(reply, at + ".reply", protocol));
        }
        Long zone = f.optionalLong("zone");
        if (zone != null) {
            String direction = f.optionalText("zoneDirection");
            b.zone(JsonFields.clampToInt(zone), direction == null ? ZoneDirection.BOTH
                    : JsonFields.choice("zoneDirection", direction, ZoneDirection.class));
        }
        Long value = f.optionalLong("mark");
        if (value != null) {
            b.mark(value);
        }
        value = f.optionalLong("secmark");
        if (value != null) {
            b.secmark(value);
        }
        value = f.optionalLong("timeout");
        if (value != null) {
            b.timeout(value);
        }
        String state = f.optionalText("state");
        if (state != null) {
            if (protocol.equals(Protocol.TCP)) {
                b.tcpState(TcpState.parse(state));
            } else if (protocol.equals(Protocol.SCTP)) {
                b.sctpState(SctpState.parse(state));
            } else if (protocol.equals(Protocol.DCCP)) {
                b.dccpState(JsonFields.choice("state", state, DccpState.class));
            } else {
                throw new IllegalArgumentException("state: protocol " + protocol + " has no state");
            }
        }
        Set<String> status = f.optionalStrings("status");
        if (status != null) {
            EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
            status.forEach(s -> flags.add(StatusFlag.parse(s)));
            b.status(flags);
        }
        Set<Integer> labels = f.optionalInts("labels");
        if (labels != null) {
            b.labels(labels);
        }
        String nat = f.optionalText("sourceNat");
        if (nat != null) {
            b.sourceNat(NatTarget.parse("sourceNat", nat));
        }
        nat = f.optionalText("destinationNat");
        if (nat != null) {
            b.destinationNat(NatTarget.parse("destinationNat", nat));
        }
        // A helper named on creation is attached by the kernel (a master for expectations).
        b.helper(f.optionalText("helper"));
        java.util.List<Long> vtags = f.optionalLongs("sctpVtags");
        if (vtags != null) {
            if (vtags.size() != 2) {
                throw new IllegalArgumentException("sctpVtags: give two numbers, [original, reply]");
            }
            b.sctpVtags(vtags.get(0), vtags.get(1));
        }
        return b.build();
    }

    private static Tuple tuple(JsonNode node, String at, Protocol protocol) {
        JsonFields f = new JsonFields(node, at, TUPLE_FIELDS);
        InetAddress src = Cidr.parseAddress("source", f.requiredText("src"));
        InetAddress dst = Cidr.parseAddress("destination", f.requiredText("dst"));
        if (protocol.isIcmp()) {
            return new Tuple(src, dst, protocol, 0, 0, f.intOrZero("type"), f.intOrZero("code"), f.intOrZero("id"));
        }
        if (protocol.equals(Protocol.GRE)) {
            return new Tuple(src, dst, protocol, f.intOrZero("srckey"), f.intOrZero("dstkey"), 0, 0, 0);
        }
        if (protocol.hasPorts()) {
            return new Tuple(src, dst, protocol, f.intOrZero("sport"), f.intOrZero("dport"), 0, 0, 0);
        }
        return Tuple.addressesOnly(protocol, src, dst);
    }
}
