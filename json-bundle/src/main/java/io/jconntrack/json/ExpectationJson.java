package io.jconntrack.json;

import io.jconntrack.api.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.ExpectationNat;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * An expectation as one JSON object, with the fields of {@code conntrack:list expect -o json}: {@code proto} is the
 * expected tuple's (and the mask's), {@code master} carries its own {@code proto}. Reading takes the same names, for
 * creation ({@code master}, {@code expected} and {@code timeout} required; the mask defaults to exact); every value
 * goes through the API's builder, so errors name the API's field.
 */
public final class ExpectationJson {
    private static final Set<String> FIELDS = Set.of("family", "proto", "protonum", "timeout", "expected", "mask",
            "master", "zone", "helper", "class", "flags", "nat", "fn", "id");
    private static final Set<String> NAT_FIELDS = Set.of("dir", "proto", "src", "dst", "sport", "dport");

    private ExpectationJson() {
    }

    public static void write(JsonGenerator g, Expectation x) throws IOException {
        g.writeStartObject();
        g.writeStringField("family", x.family().label());
        g.writeStringField("proto", x.expected().protocol().name());
        g.writeNumberField("protonum", x.expected().protocol().number());
        if (x.timeout() != Expectation.NO_TIMEOUT) {
            g.writeNumberField("timeout", x.timeout());
        }
        g.writeFieldName("expected");
        tuple(g, x.expected(), false);
        g.writeFieldName("mask");
        tuple(g, x.mask(), false);
        g.writeFieldName("master");
        tuple(g, x.master(), true);
        g.writeNumberField("zone", x.zone());
        if (x.helper() != null) {
            g.writeStringField("helper", x.helper());
        }
        g.writeNumberField("class", x.expectationClass());
        g.writeArrayFieldStart("flags");
        for (ExpectationFlag f : x.flags()) {
            g.writeString(f.name());
        }
        g.writeEndArray();
        if (x.nat() != null) {
            g.writeFieldName("nat");
            g.writeStartObject();
            g.writeStringField("dir", x.nat().reply() ? "reply" : "original");
            tupleFields(g, x.nat().tuple(), true);
            g.writeEndObject();
        }
        if (x.function() != null) {
            g.writeStringField("fn", x.function());
        }
        if (x.id() != 0) {
            g.writeNumberField("id", x.id());
        }
        g.writeEndObject();
    }

    public static String text(Expectation x) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            write(g, x);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void tuple(JsonGenerator g, Tuple t, boolean withProtocol) throws IOException {
        g.writeStartObject();
        tupleFields(g, t, withProtocol);
        g.writeEndObject();
    }

    private static void tupleFields(JsonGenerator g, Tuple t, boolean withProtocol) throws IOException {
        if (withProtocol) {
            g.writeStringField("proto", t.protocol().name());
        }
        TupleJson.writeFields(g, t);
    }

    /** An expectation to create, from the object {@code node} ({@code at} names it in errors). */
    public static Expectation read(JsonNode node, String at) {
        return read(node, at, false);
    }

    /** An expectation as {@link #write} wrote it, its kernel id included (the remote client's reading). */
    public static Expectation readListed(JsonNode node, String at) {
        return read(node, at, true);
    }

    private static Expectation read(JsonNode node, String at, boolean listed) {
        JsonFields f = new JsonFields(node, at, FIELDS);
        Protocol protocol = Protocol.parse(f.requiredText("proto"));
        JsonNode masterNode = f.object("master", true);
        Tuple master = tuple(masterNode, path(at, "master"), masterProtocol(masterNode, at, protocol));
        Tuple expected = tuple(f.object("expected", true), path(at, "expected"), protocol);
        Expectation.Builder b = Expectation.builder(master, expected);
        JsonNode mask = f.object("mask", false);
        if (mask != null) {
            b.mask(tuple(mask, path(at, "mask"), protocol));
        }
        Long v = f.optionalLong("timeout");
        if (v != null) {
            b.timeout(v);
        }
        v = f.optionalLong("zone");
        if (v != null) {
            b.zone(JsonFields.clampToInt(v));
        }
        b.helper(f.optionalText("helper"));
        v = f.optionalLong("class");
        if (v != null) {
            b.expectationClass(v);
        }
        Set<String> flags = f.optionalStrings("flags");
        if (flags != null) {
            EnumSet<ExpectationFlag> set = EnumSet.noneOf(ExpectationFlag.class);
            flags.forEach(s -> set.add(JsonFields.choice("flags", s, ExpectationFlag.class)));
            b.flags(set);
        }
        JsonNode nat = f.object("nat", false);
        if (nat != null) {
            JsonFields n = new JsonFields(nat, path(at, "nat"), NAT_FIELDS);
            String dir = n.requiredText("dir");
            if (!dir.equals("original") && !dir.equals("reply")) {
                throw new IllegalArgumentException("nat.dir: '" + dir + "' is not original or reply");
            }
            com.fasterxml.jackson.databind.node.ObjectNode t = nat.deepCopy();
            t.remove("dir");
            b.nat(new ExpectationNat(dir.equals("reply"), tuple(t, path(at, "nat"), masterProtocol(t, at, protocol))));
        }
        b.function(f.optionalText("fn"));
        Long id = f.optionalLong("id");
        if (listed && id != null) {
            b.id(id);
        }
        return b.build();
    }

    private static Protocol masterProtocol(JsonNode tuple, String at, Protocol otherwise) {
        JsonNode p = tuple == null ? null : tuple.get("proto");
        if (p == null || p.isNull()) {
            return otherwise;
        }
        if (!p.isTextual()) {
            throw new IllegalArgumentException(path(at, "master.proto") + ": expected a string, not " + p);
        }
        return Protocol.parse(p.asText());
    }

    private static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    /**
     * A tuple through the one tuple codec ({@link TupleJson}, GRE keys included); {@code proto} (a master's or a
     * NAT's own protocol) and {@code dir} belong to the enclosing object, read beside it.
     */
    private static Tuple tuple(JsonNode node, String at, Protocol protocol) {
        if (node != null && node.isObject() && (node.has("proto") || node.has("dir"))) {
            com.fasterxml.jackson.databind.node.ObjectNode fields = node.deepCopy();
            fields.remove("proto");
            fields.remove("dir");
            node = fields;
        }
        return TupleJson.read(node, at, protocol);
    }

    /** Per-CPU expectation counters: {@code [{"cpu", "created", "inserted", "deleted"}, ...]}. */
    public static com.fasterxml.jackson.databind.node.ArrayNode writeStatistics(
            java.util.List<io.jconntrack.api.ExpectationStatistics> statistics) {
        com.fasterxml.jackson.databind.node.ArrayNode a = Json.array();
        for (io.jconntrack.api.ExpectationStatistics c : statistics) {
            a.addObject().put("cpu", c.cpu()).put("created", c.created()).put("inserted", c.inserted())
                    .put("deleted", c.deleted());
        }
        return a;
    }

    public static java.util.List<io.jconntrack.api.ExpectationStatistics> readStatistics(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("statistics: expected an array");
        }
        java.util.List<io.jconntrack.api.ExpectationStatistics> out = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode item : node) {
            JsonFields c = new JsonFields(item, "statistics[" + i++ + "]", Set.of("cpu", "created", "inserted",
                    "deleted"));
            out.add(new io.jconntrack.api.ExpectationStatistics(c.intOrZero("cpu"), c.longOrZero("created"),
                    c.longOrZero("inserted"), c.longOrZero("deleted")));
        }
        return out;
    }

    /** The data of an expectation event: the expectation as listed, with {@code portid} when a process caused it. */
    public static String eventText(io.jconntrack.api.ExpectationEvent event) {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parse(text(event.expectation()));
        if (event.originPortId() != 0) {
            o.put(EventJson.PORT_ID, event.originPortId());
        }
        return Json.text(o);
    }

    public static io.jconntrack.api.ExpectationEvent readEvent(io.jconntrack.api.EventType type, String data) {
        JsonNode node = Json.parse(data);
        long portId = 0;
        if (node.isObject() && node.has(EventJson.PORT_ID)) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode)
                    node).deepCopy();
            portId = copy.remove(EventJson.PORT_ID).asLong();
            node = copy;
        }
        return new io.jconntrack.api.ExpectationEvent(type, readListed(node, "event"), portId);
    }
}
