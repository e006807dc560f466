package io.jconntrack.json;

import io.jconntrack.api.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.ExpectationNat;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final String PROTO = "proto";
    private static final String DIR = "dir";

    private ExpectationJson() {
    }

    public static void write(JsonGenerator g, Expectation x) throws IOException {
        write(g, x, null);
    }

    static void write(JsonGenerator g, Expectation x, EntryJson.Extra extra) throws IOException {
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
        if (extra != null) {
            extra.write(g);
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
        return JsonTokens.fromTree(node, p -> read(p, at, false, new AddressCache()));
    }

    /** An expectation as {@link #write} wrote it, its kernel id included. */
    public static Expectation readListed(JsonNode node, String at) {
        return JsonTokens.fromTree(node, p -> read(p, at, true, new AddressCache()));
    }

    /**
     * The expectation object at the parser's current token, read up to its end without building a tree, its kernel
     * id included: the remote client reads a stream of them this way. {@code addresses} is shared by the
     * expectations of one stream.
     */
    public static Expectation readListed(JsonParser p, String at, AddressCache addresses) throws IOException {
        return read(p, at, true, addresses);
    }

    /** One reading for every source, as entries are read ({@link EntryJson}): a tree through a parser over it. */
    private static Expectation read(JsonParser p, String at, boolean listed, AddressCache addresses)
            throws IOException {
        JsonTokens.startObject(p, at);
        String proto = null;
        Long timeout = null;
        TupleJson.Fields expected = null;
        TupleJson.Fields mask = null;
        TupleJson.Fields master = null;
        TupleJson.Fields nat = null;
        Map<String, String> masterBeside = beside(PROTO);
        Map<String, String> natBeside = beside(PROTO, DIR);
        Long zone = null;
        String helper = null;
        Long expectationClass = null;
        List<String> flags = null;
        String function = null;
        Long id = null;
        String name;
        while ((name = JsonTokens.nextField(p, at, FIELDS)) != null) {
            switch (name) {
                case "family" -> JsonTokens.text(p, at, name); // implied by the addresses
                case PROTO -> proto = JsonTokens.text(p, at, name);
                case "protonum" -> JsonTokens.integer(p, at, name); // proto names it
                case "timeout" -> timeout = JsonTokens.integer(p, at, name);
                case "expected" -> expected = tuple(p, at, name, Map.of());
                case "mask" -> mask = tuple(p, at, name, Map.of());
                case "master" -> master = tuple(p, at, name, masterBeside);
                case "nat" -> nat = tuple(p, at, name, natBeside);
                case "zone" -> zone = JsonTokens.integer(p, at, name);
                case "helper" -> helper = JsonTokens.text(p, at, name);
                case "class" -> expectationClass = JsonTokens.integer(p, at, name);
                case "flags" -> flags = JsonTokens.strings(p, at, name);
                case "fn" -> function = JsonTokens.text(p, at, name);
                case "id" -> id = JsonTokens.integer(p, at, name);
                default -> throw new IllegalStateException(name); // FIELDS lists the cases
            }
        }
        Protocol protocol = Protocol.parse(required(at, PROTO, proto));
        Tuple masterTuple = required(at, "master", master).tuple(ownProtocol(masterBeside, protocol), addresses);
        Expectation.Builder b = Expectation.builder(masterTuple,
                required(at, "expected", expected).tuple(protocol, addresses));
        if (mask != null) {
            b.mask(mask.tuple(protocol, addresses));
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (zone != null) {
            b.zone(JsonFields.clampToInt(zone));
        }
        b.helper(helper);
        if (expectationClass != null) {
            b.expectationClass(expectationClass);
        }
        if (flags != null) {
            EnumSet<ExpectationFlag> set = EnumSet.noneOf(ExpectationFlag.class);
            flags.forEach(f -> set.add(JsonFields.choice("flags", f, ExpectationFlag.class)));
            b.flags(set);
        }
        if (nat != null) {
            String dir = required(JsonTokens.path(at, "nat"), DIR, natBeside.get(DIR));
            if (!dir.equals("original") && !dir.equals("reply")) {
                throw new IllegalArgumentException("nat.dir: '" + dir + "' is not original or reply");
            }
            b.nat(new ExpectationNat(dir.equals("reply"), nat.tuple(ownProtocol(natBeside, protocol), addresses)));
        }
        b.function(function);
        if (listed && id != null) {
            b.id(id);
        }
        return b.build();
    }

    /** A tuple object, or null for a JSON null; {@code beside} as {@link TupleJson.Fields#read(JsonParser, String, Map)}. */
    private static TupleJson.Fields tuple(JsonParser p, String at, String name, Map<String, String> beside)
            throws IOException {
        return JsonTokens.isNull(p) ? null : TupleJson.Fields.read(p, JsonTokens.path(at, name), beside);
    }

    private static Map<String, String> beside(String... names) {
        Map<String, String> m = new HashMap<>();
        for (String n : names) {
            m.put(n, null);
        }
        return m;
    }

    /** A master's or a NAT's own {@code proto}, else the expectation's. */
    private static Protocol ownProtocol(Map<String, String> beside, Protocol otherwise) {
        String own = beside.get(PROTO);
        return own == null ? otherwise : Protocol.parse(own);
    }

    private static <T> T required(String at, String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(JsonTokens.path(at, name) + ": is required");
        }
        return value;
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
}
