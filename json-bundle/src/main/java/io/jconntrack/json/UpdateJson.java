package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link ConntrackUpdate} (one entry, by original tuple and zone): {@code proto}, {@code original}, {@code zone}
 * and what changes ({@code mark}, {@code timeout}, {@code status}, {@code labels}, {@code state}).
 */
public final class UpdateJson {
    private static final Set<String> FIELDS = Set.of("proto", "original", "zone", "mark", "timeout", "status",
            "labels", "state");

    private UpdateJson() {
    }

    public static void write(JsonGenerator g, ConntrackUpdate u) throws IOException {
        g.writeStartObject();
        g.writeStringField("proto", u.original().protocol().toString());
        g.writeFieldName("original");
        TupleJson.write(g, u.original(), null);
        g.writeNumberField("zone", u.zone());
        if (u.mark() != null) {
            g.writeNumberField("mark", u.mark());
        }
        if (u.timeout() != null) {
            g.writeNumberField("timeout", u.timeout());
        }
        if (u.status() != null) {
            g.writeArrayFieldStart("status");
            for (StatusFlag f : u.status()) {
                g.writeString(f.name());
            }
            g.writeEndArray();
        }
        if (u.labels() != null) {
            g.writeArrayFieldStart("labels");
            for (int bit : u.labels()) {
                g.writeNumber(bit);
            }
            g.writeEndArray();
        }
        if (u.tcpState() != null) {
            g.writeStringField("state", u.tcpState().name());
        }
        g.writeEndObject();
    }

    public static ConntrackUpdate read(JsonNode node, String at) {
        JsonFields f = new JsonFields(node, at, FIELDS);
        Protocol protocol = Protocol.parse(f.requiredText("proto"));
        ConntrackUpdate.Builder b = ConntrackUpdate.of(
                TupleJson.read(f.object("original", true), at + ".original", protocol), f.intOrZero("zone"));
        Long v = f.optionalLong("mark");
        if (v != null) {
            b.mark(v);
        }
        v = f.optionalLong("timeout");
        if (v != null) {
            b.timeout(v);
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
        String state = f.optionalText("state");
        if (state != null) {
            b.tcpState(TcpState.parse(state));
        }
        return b.build();
    }
}
