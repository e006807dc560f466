package io.jconntrack.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed reads of one JSON object's fields, refusing unknown fields and values of the wrong JSON type with messages
 * in the API's {@code field: problem} form, {@code field} being the path in the body ({@code entries[2].original.sport}).
 * Ranges are left to the API's builders.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String at;

    public JsonFields(JsonNode node, String at, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(at + ": expected a JSON object");
        }
        this.node = node;
        this.at = at;
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(path(name) + ": unknown field; known: " + new java.util.TreeSet<>(known));
            }
        }
    }

    private String path(String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private JsonNode value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String requiredText(String name) {
        String v = optionalText(name);
        if (v == null) {
            throw new IllegalArgumentException(path(name) + ": is required");
        }
        return v;
    }

    String optionalText(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(path(name) + ": expected a string, not " + v);
        }
        return v.asText();
    }

    Long optionalLong(String name) {
        JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        return integer(path(name), v);
    }

    long longOrZero(String name) {
        Long v = optionalLong(name);
        return v == null ? 0 : v;
    }

    int intOrZero(String name) {
        Long v = optionalLong(name);
        return v == null ? 0 : clampToInt(v);
    }

    JsonNode object(String name, boolean required) {
        JsonNode v = value(name);
        if (v == null && required) {
            throw new IllegalArgumentException(path(name) + ": is required");
        }
        return v;
    }

    Set<String> optionalStrings(String name) {
        JsonNode v = array(name);
        if (v == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(path(name) + ": expected strings, not " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    Set<Integer> optionalInts(String name) {
        List<Long> v = optionalLongs(name);
        if (v == null) {
            return null;
        }
        Set<Integer> out = new LinkedHashSet<>();
        v.forEach(x -> out.add(clampToInt(x)));
        return out;
    }

    List<Long> optionalLongs(String name) {
        JsonNode v = array(name);
        if (v == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode item : v) {
            out.add(integer(path(name), item));
        }
        return out;
    }

    private JsonNode array(String name) {
        JsonNode v = value(name);
        if (v != null && !v.isArray()) {
            throw new IllegalArgumentException(path(name) + ": expected an array, not " + v);
        }
        return v;
    }

    private static long integer(String field, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(field + ": expected an integer, not " + v);
        }
        return v.asLong();
    }

    /** Out-of-range values stay out of range, so that the API's own range check reports them. */
    public static int clampToInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    public static <E extends Enum<E>> E choice(String field, String text, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(field + ": '" + text + "' is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
}
