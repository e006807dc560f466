package io.jconntrack.json;

import io.jconntrack.api.AddressText;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tuple as a JSON object: {@code src}, {@code dst} and the protocol's fields ({@code sport}/{@code dport}, GRE
 * {@code srckey}/{@code dstkey}, ICMP {@code type}/{@code code}/{@code id}), with the direction's {@code packets} and
 * {@code bytes} when counted. The protocol is the enclosing object's ({@code proto} of an entry or a failure).
 */
public final class TupleJson {
    private static final Set<String> FIELDS = Set.of("src", "dst", "sport", "dport", "srckey", "dstkey",
            "type", "code", "id", "packets", "bytes");

    private TupleJson() {
    }

    public static void write(JsonGenerator g, Tuple t, Counters c) throws IOException {
        g.writeStartObject();
        writeFields(g, t);
        if (c != null) {
            g.writeNumberField("packets", c.packets());
            g.writeNumberField("bytes", c.bytes());
        }
        g.writeEndObject();
    }

    /** A tuple's fields into the object being written (an expectation's tuples add their own beside them). */
    public static void writeFields(JsonGenerator g, Tuple t) throws IOException {
        g.writeStringField("src", AddressText.of(t.source()));
        g.writeStringField("dst", AddressText.of(t.destination()));
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
    }

    /** The tuple as a tree, to set into an enclosing object. */
    public static JsonNode tree(Tuple t) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            write(g, t, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Json.parse(w.toString());
    }

    public static Tuple read(JsonNode node, String at, Protocol protocol) {
        return Fields.read(node, at).tuple(protocol, new AddressCache());
    }

    /**
     * A tuple object's fields as read, before the enclosing object's protocol is known (JSON objects have no
     * order: an entry's {@code proto} may come after its tuples).
     */
    record Fields(String at, String src, String dst, Long sport, Long dport, Long srckey, Long dstkey, Long type,
                  Long code, Long id, Long packets, Long bytes) {

        static Fields read(JsonNode node, String at) {
            return JsonTokens.fromTree(node, p -> read(p, at));
        }

        /** Reads the object at the parser's current token, up to its end. */
        static Fields read(JsonParser p, String at) throws IOException {
            return read(p, at, Map.of());
        }

        /**
         * Reads the object at the parser's current token, up to its end, with text fields of the enclosing value
         * written into the tuple's object (an expectation master's {@code proto}, a NAT's {@code dir}): their names
         * are the keys of {@code beside}, their values are put there.
         */
        static Fields read(JsonParser p, String at, Map<String, String> beside) throws IOException {
            JsonTokens.startObject(p, at);
            Set<String> known = FIELDS;
            if (!beside.isEmpty()) {
                known = new HashSet<>(FIELDS);
                known.addAll(beside.keySet());
            }
            String src = null;
            String dst = null;
            Long[] n = new Long[9];
            String name;
            while ((name = JsonTokens.nextField(p, at, known)) != null) {
                if (beside.containsKey(name)) {
                    beside.put(name, JsonTokens.text(p, at, name));
                    continue;
                }
                switch (name) {
                    case "src" -> src = JsonTokens.text(p, at, name);
                    case "dst" -> dst = JsonTokens.text(p, at, name);
                    case "sport" -> n[0] = JsonTokens.integer(p, at, name);
                    case "dport" -> n[1] = JsonTokens.integer(p, at, name);
                    case "srckey" -> n[2] = JsonTokens.integer(p, at, name);
                    case "dstkey" -> n[3] = JsonTokens.integer(p, at, name);
                    case "type" -> n[4] = JsonTokens.integer(p, at, name);
                    case "code" -> n[5] = JsonTokens.integer(p, at, name);
                    case "id" -> n[6] = JsonTokens.integer(p, at, name);
                    case "packets" -> n[7] = JsonTokens.integer(p, at, name);
                    case "bytes" -> n[8] = JsonTokens.integer(p, at, name);
                    default -> throw new IllegalStateException(name); // FIELDS lists the cases
                }
            }
            return new Fields(at, src, dst, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]);
        }

        Tuple tuple(Protocol protocol, AddressCache addresses) {
            if (src == null) {
                throw new IllegalArgumentException(JsonTokens.path(at, "src") + ": is required");
            }
            if (dst == null) {
                throw new IllegalArgumentException(JsonTokens.path(at, "dst") + ": is required");
            }
            InetAddress s = addresses.parse("source", src);
            InetAddress d = addresses.parse("destination", dst);
            if (protocol.isIcmp()) {
                return new Tuple(s, d, protocol, 0, 0, small(type), small(code), small(id));
            }
            if (protocol.equals(Protocol.GRE)) {
                return new Tuple(s, d, protocol, small(srckey), small(dstkey), 0, 0, 0);
            }
            if (protocol.hasPorts()) {
                return new Tuple(s, d, protocol, small(sport), small(dport), 0, 0, 0);
            }
            return Tuple.addressesOnly(protocol, s, d);
        }

        /** The direction's counters, or {@code null} when the object has none (accounting off). */
        Counters counters() {
            return packets == null && bytes == null ? null
                    : new Counters(packets == null ? 0 : packets, bytes == null ? 0 : bytes);
        }

        private static int small(Long v) {
            return v == null ? 0 : JsonFields.clampToInt(v);
        }
    }
}
