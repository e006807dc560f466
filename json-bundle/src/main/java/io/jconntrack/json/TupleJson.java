package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.io.IOException;
import java.net.InetAddress;
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

    /** The tuple as a tree, to set into an enclosing object. */
    public static JsonNode tree(Tuple t) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
            write(g, t, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Json.parse(w.toString());
    }

    public static Tuple read(JsonNode node, String at, Protocol protocol) {
        JsonFields f = new JsonFields(node, at, FIELDS);
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

    /** The direction's counters, or {@code null} when the tuple object has none (accounting off). */
    static Counters counters(JsonNode node, String at) {
        JsonFields f = new JsonFields(node, at, FIELDS);
        Long packets = f.optionalLong("packets");
        Long bytes = f.optionalLong("bytes");
        return packets == null && bytes == null ? null
                : new Counters(packets == null ? 0 : packets, bytes == null ? 0 : bytes);
    }
}
