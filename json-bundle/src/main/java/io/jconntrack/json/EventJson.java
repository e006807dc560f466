package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The data of a {@code NEW}, {@code UPDATE} or {@code DESTROY} server-sent event: the entry as listed, plus
 * {@code portid} when a process caused the event (the netlink port id the tool prints as {@code [USERSPACE]
 * portid=N}). The event type is the SSE event's name.
 */
public final class EventJson {
    static final String PORT_ID = "portid";

    private EventJson() {
    }

    public static String text(ConntrackEvent event) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            EntryJson.write(g, event.entry(), event.originPortId() == 0 ? null
                    : gen -> gen.writeNumberField(PORT_ID, event.originPortId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static ConntrackEvent read(EventType type, String data) {
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
        return new ConntrackEvent(type, EntryJson.readListed(node, "event"), portId);
    }
}
