package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * The data of a {@code NEW}, {@code UPDATE} or {@code DESTROY} server-sent event, of either table: the value (entry
 * or expectation) as listed, plus {@code portid} when a process caused the event (the netlink port id the tool
 * prints as {@code [USERSPACE] portid=N}). The event type is the SSE event's name.
 */
public final class EventJson {
    static final String PORT_ID = "portid";

    private EventJson() {
    }

    /** Writes one value's object, with the event's fields after its own. */
    private interface ValueWriter {
        void write(JsonGenerator g, EntryJson.Extra extra) throws IOException;
    }

    public static String text(ConntrackEvent event) {
        return text(event.originPortId(), (g, extra) -> EntryJson.write(g, event.entry(), extra));
    }

    public static String text(ExpectationEvent event) {
        return text(event.originPortId(), (g, extra) -> ExpectationJson.write(g, event.expectation(), extra));
    }

    public static ConntrackEvent read(EventType type, String data) {
        return read(data, EntryJson::readListed, (entry, portId) -> new ConntrackEvent(type, entry, portId));
    }

    public static ExpectationEvent readExpectation(EventType type, String data) {
        return read(data, ExpectationJson::readListed, (x, portId) -> new ExpectationEvent(type, x, portId));
    }

    private static String text(long portId, ValueWriter value) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            value.write(g, portId == 0 ? null : gen -> gen.writeNumberField(PORT_ID, portId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static <T, E> E read(String data, BiFunction<JsonNode, String, T> value, BiFunction<T, Long, E> event) {
        JsonNode node = Json.parse(data);
        long portId = 0;
        if (node.isObject() && node.has(PORT_ID)) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            JsonNode id = copy.remove(PORT_ID);
            if (!id.canConvertToLong()) {
                throw new IllegalArgumentException(PORT_ID + ": expected an integer, not " + id);
            }
            portId = id.asLong();
            node = copy;
        }
        return event.apply(value.apply(node, "event"), portId);
    }
}
