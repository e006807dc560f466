package io.jconntrack.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.StatusFlag;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@link ConntrackChange} (the body of an update of a selection): {@code mark}, {@code markMask},
 * {@code labelsToSet}, {@code labelsToClear}, {@code status}, {@code timeout}, each optional.
 */
public final class ChangeJson {
    private static final Set<String> FIELDS = Set.of("mark", "markMask", "labelsToSet", "labelsToClear", "status",
            "timeout");

    private ChangeJson() {
    }

    public static ObjectNode write(ConntrackChange c) {
        ObjectNode o = Json.object();
        if (c.mark() != null) {
            o.put("mark", c.mark());
            o.put("markMask", c.markMask());
        }
        if (!c.labelsToSet().isEmpty()) {
            c.labelsToSet().forEach(o.putArray("labelsToSet")::add);
        }
        if (!c.labelsToClear().isEmpty()) {
            c.labelsToClear().forEach(o.putArray("labelsToClear")::add);
        }
        if (!c.status().isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode status = o.putArray("status");
            c.status().forEach(f -> status.add(f.name()));
        }
        if (c.timeout() != null) {
            o.put("timeout", c.timeout());
        }
        return o;
    }

    public static ConntrackChange read(JsonNode node) {
        JsonFields f = new JsonFields(node, "", FIELDS);
        ConntrackChange.Builder b = ConntrackChange.builder();
        Long mark = f.optionalLong("mark");
        Long mask = f.optionalLong("markMask");
        if (mark != null) {
            if (mask != null) {
                b.mark(mark, mask);
            } else {
                b.mark(mark);
            }
        } else if (mask != null) {
            throw new IllegalArgumentException("markMask: needs mark");
        }
        Set<Integer> labels = f.optionalInts("labelsToSet");
        if (labels != null) {
            b.labelsToSet(labels);
        }
        labels = f.optionalInts("labelsToClear");
        if (labels != null) {
            b.labelsToClear(labels);
        }
        Set<String> status = f.optionalStrings("status");
        if (status != null) {
            EnumSet<StatusFlag> flags = EnumSet.noneOf(StatusFlag.class);
            status.forEach(s -> flags.add(StatusFlag.parse(s)));
            b.status(flags);
        }
        Long timeout = f.optionalLong("timeout");
        if (timeout != null) {
            b.timeout(timeout);
        }
        return b.build();
    }
}
