package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * An entry as one JSON object: the fields of {@code conntrack:list -o json} (so a line of the REST stream and of the
 * console read the same), plus what a client needs to rebuild the entry ({@code zoneDirection}, {@code secmark},
 * SCTP verification tags). Reading takes the same names, for creation; every value goes through the API's builders,
 * so errors name the API's field.
 */
public final class EntryJson {
    private static final Set<String> ENTRY_FIELDS = Set.of("family", "proto", "protonum", "timeout", "state",
            "original", "reply", "zone", "zoneDirection", "mark", "secmark", "status", "labels", "sourceNat",
            "destinationNat", "sctpVtags", "start", "stop", "helper", "id", "use");

    private EntryJson() {
    }

    public static void write(JsonGenerator g, ConntrackEntry e) throws IOException {
        write(g, e, null);
    }

    /** Writes fields of the enclosing value after the entry's own (e.g. an event's port id). */
    interface Extra {
        void write(JsonGenerator g) throws IOException;
    }

    static void write(JsonGenerator g, ConntrackEntry e, Extra extra) throws IOException {
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
        TupleJson.write(g, e.original(), e.originalCounters());
        g.writeFieldName("reply");
        TupleJson.write(g, e.reply(), e.replyCounters());
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
        // NAT to set up on creation (a listed entry shows its NAT in the tuples instead).
        if (e.sourceNat() != null) {
            g.writeStringField("sourceNat", e.sourceNat().toString());
        }
        if (e.destinationNat() != null) {
            g.writeStringField("destinationNat", e.destinationNat().toString());
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
        if (extra != null) {
            extra.write(g);
        }
        g.writeEndObject();
    }

    public static String text(ConntrackEntry e) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            write(g, e);
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        return w.toString();
    }

    /**
     * An entry to create, from the object {@code node} ({@code at} names it in errors, e.g. {@code entries[3]}): what
     * the kernel reports (counters, timestamps, id, use, helper) is not read.
     */
    public static ConntrackEntry read(JsonNode node, String at) {
        return read(node, at, false);
    }

    /** An entry as {@link #write} wrote it, everything the kernel reported included (the remote client's reading). */
    public static ConntrackEntry readListed(JsonNode node, String at) {
        return read(node, at, true);
    }

    private static ConntrackEntry read(JsonNode node, String at, boolean listed) {
        JsonFields f = new JsonFields(node, at, ENTRY_FIELDS);
        Long number = f.optionalLong("protonum");
        // protonum first: "proto" is "unknown" for protocols without a name.
        Protocol protocol = number != null ? Protocol.of(JsonFields.clampToInt(number))
                : Protocol.parse(f.requiredText("proto"));
        JsonNode originalNode = f.object("original", true);
        Tuple original = TupleJson.read(originalNode, at + ".original", protocol);
        ConntrackEntry.Builder b = ConntrackEntry.builder(original);
        JsonNode reply = f.object("reply", false);
        if (reply != null) {
            b.reply(TupleJson.read(reply, at + ".reply", protocol));
        }
        if (listed) {
            b.counters(TupleJson.counters(originalNode, at + ".original"),
                    reply == null ? null : TupleJson.counters(reply, at + ".reply"));
            String start = f.optionalText("start");
            String stop = f.optionalText("stop");
            b.timestamps(start == null ? null : instant(at + ".start", start),
                    stop == null ? null : instant(at + ".stop", stop));
            Long v = f.optionalLong("id");
            if (v != null) {
                b.id(v);
            }
            v = f.optionalLong("use");
            if (v != null) {
                b.use(v);
            }
            b.helper(f.optionalText("helper"));
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
        java.util.List<Long> vtags = f.optionalLongs("sctpVtags");
        if (vtags != null) {
            if (vtags.size() != 2) {
                throw new IllegalArgumentException("sctpVtags: give two numbers, [original, reply]");
            }
            b.sctpVtags(vtags.get(0), vtags.get(1));
        }
        return b.build();
    }

    private static java.time.Instant instant(String field, String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an ISO-8601 instant");
        }
    }
}
