package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
import java.util.List;
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
        try (JsonGenerator g = Json.generator(w)) {
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
        return JsonTokens.fromTree(node, p -> read(p, at, false, new AddressCache()));
    }

    /** An entry as {@link #write} wrote it, everything the kernel reported included (the remote client's reading). */
    public static ConntrackEntry readListed(JsonNode node, String at) {
        return JsonTokens.fromTree(node, p -> read(p, at, true, new AddressCache()));
    }

    /**
     * The entry object at the parser's current token, read up to its end without building a tree, everything the
     * kernel reported included: the remote client reads a stream of them this way. {@code addresses} is shared by
     * the entries of one stream.
     */
    public static ConntrackEntry readListed(JsonParser p, String at, AddressCache addresses) throws IOException {
        return read(p, at, true, addresses);
    }

    /** One reading for every source: a tree (a request body) is read through a parser over it. */
    private static ConntrackEntry read(JsonParser p, String at, boolean listed, AddressCache addresses)
            throws IOException {
        JsonTokens.startObject(p, at);
        String proto = null;
        Long protonum = null;
        TupleJson.Fields original = null;
        TupleJson.Fields reply = null;
        Long zone = null;
        String zoneDirection = null;
        Long mark = null;
        Long secmark = null;
        Long timeout = null;
        String state = null;
        List<String> status = null;
        List<Long> labels = null;
        String sourceNat = null;
        String destinationNat = null;
        List<Long> vtags = null;
        String start = null;
        String stop = null;
        String helper = null;
        Long id = null;
        Long use = null;
        String name;
        while ((name = JsonTokens.nextField(p, at, ENTRY_FIELDS)) != null) {
            switch (name) {
                case "family" -> JsonTokens.text(p, at, name); // implied by the addresses
                case "proto" -> proto = JsonTokens.text(p, at, name);
                case "protonum" -> protonum = JsonTokens.integer(p, at, name);
                case "original" -> original = JsonTokens.isNull(p) ? null : TupleJson.Fields.read(p, JsonTokens.path(at, name));
                case "reply" -> reply = JsonTokens.isNull(p) ? null : TupleJson.Fields.read(p, JsonTokens.path(at, name));
                case "zone" -> zone = JsonTokens.integer(p, at, name);
                case "zoneDirection" -> zoneDirection = JsonTokens.text(p, at, name);
                case "mark" -> mark = JsonTokens.integer(p, at, name);
                case "secmark" -> secmark = JsonTokens.integer(p, at, name);
                case "timeout" -> timeout = JsonTokens.integer(p, at, name);
                case "state" -> state = JsonTokens.text(p, at, name);
                case "status" -> status = JsonTokens.strings(p, at, name);
                case "labels" -> labels = JsonTokens.integers(p, at, name);
                case "sourceNat" -> sourceNat = JsonTokens.text(p, at, name);
                case "destinationNat" -> destinationNat = JsonTokens.text(p, at, name);
                case "sctpVtags" -> vtags = JsonTokens.integers(p, at, name);
                case "start" -> start = JsonTokens.text(p, at, name);
                case "stop" -> stop = JsonTokens.text(p, at, name);
                case "helper" -> helper = JsonTokens.text(p, at, name);
                case "id" -> id = JsonTokens.integer(p, at, name);
                case "use" -> use = JsonTokens.integer(p, at, name);
                default -> throw new IllegalStateException(name); // ENTRY_FIELDS lists the cases
            }
        }
        // protonum first: "proto" is "unknown" for protocols without a name.
        Protocol protocol;
        if (protonum != null) {
            protocol = Protocol.of(JsonFields.clampToInt(protonum));
        } else if (proto != null) {
            protocol = Protocol.parse(proto);
        } else {
            throw new IllegalArgumentException(JsonTokens.path(at, "proto") + ": is required");
        }
        if (original == null) {
            throw new IllegalArgumentException(JsonTokens.path(at, "original") + ": is required");
        }
        ConntrackEntry.Builder b = ConntrackEntry.builder(original.tuple(protocol, addresses));
        if (reply != null) {
            b.reply(reply.tuple(protocol, addresses));
        }
        if (listed) {
            b.counters(original.counters(), reply == null ? null : reply.counters());
            b.timestamps(start == null ? null : instant(JsonTokens.path(at, "start"), start),
                    stop == null ? null : instant(JsonTokens.path(at, "stop"), stop));
            if (id != null) {
                b.id(id);
            }
            if (use != null) {
                b.use(use);
            }
        }
        // Listed: the helper the entry has; on creation: the helper the kernel attaches (a master for expectations).
        b.helper(helper);
        if (zone != null) {
            b.zone(JsonFields.clampToInt(zone), zoneDirection == null ? ZoneDirection.BOTH
                    : JsonFields.choice("zoneDirection", zoneDirection, ZoneDirection.class));
        }
        if (mark != null) {
            b.mark(mark);
        }
        if (secmark != null) {
            b.secmark(secmark);
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
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
        if (status != null) {
            EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
            status.forEach(f -> flags.add(StatusFlag.parse(f)));
            b.status(flags);
        }
        if (labels != null) {
            Set<Integer> bits = new java.util.LinkedHashSet<>();
            labels.forEach(l -> bits.add(JsonFields.clampToInt(l)));
            b.labels(bits);
        }
        if (sourceNat != null) {
            b.sourceNat(NatTarget.parse("sourceNat", sourceNat));
        }
        if (destinationNat != null) {
            b.destinationNat(NatTarget.parse("destinationNat", destinationNat));
        }
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
