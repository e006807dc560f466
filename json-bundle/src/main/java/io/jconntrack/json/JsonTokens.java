package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of one value at the parser's current token, with the messages of {@link JsonFields}
 * ({@code path: expected an integer, not "x"}): the streaming side of the same checks, for objects read without
 * building a tree (the entries of a list, a million of them).
 */
final class JsonTokens {
    private JsonTokens() {
    }

    /**
     * Checks that the parser is at an object: at its start, or at its first field name when a caller looked at
     * that name first (a stream telling an error object from an entry by it).
     */
    static void startObject(JsonParser p, String at) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT && p.currentToken() != JsonToken.FIELD_NAME) {
            throw new IllegalArgumentException(at + ": expected a JSON object");
        }
    }

    /** The next field's name, or {@code null} at the object's end; refuses names not in {@code known}. */
    static String nextField(JsonParser p, String at, Set<String> known) throws IOException {
        // After a value the parser is at the value (or its END_*), never at a name: a name here was looked at first.
        JsonToken t = p.currentToken() == JsonToken.FIELD_NAME ? JsonToken.FIELD_NAME : p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        String name = p.currentName();
        if (!known.contains(name)) {
            throw new IllegalArgumentException(path(at, name) + ": unknown field; known: "
                    + new java.util.TreeSet<>(known));
        }
        p.nextToken();
        return name;
    }

    /** Reads one value at the parser's current token. */
    interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Reads a tree through a parser over it: one reading, from tokens, for trees and streams alike. */
    static <T> T fromTree(JsonNode node, Reader<T> reader) {
        try (JsonParser p = Json.parser(node)) {
            p.nextToken();
            return reader.read(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a tree does not fail to read
        }
    }

    static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    static boolean isNull(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    // The field's path ("entry.original.sport") is made only for a message: building it for every field of a
    // million entries was a tenth of the reading time.

    static String text(JsonParser p, String at, String name) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(path(at, name) + ": expected a string, not " + shown(p));
        }
        return p.getText();
    }

    static Long integer(JsonParser p, String at, String name) throws IOException {
        if (isNull(p)) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new IllegalArgumentException(path(at, name) + ": expected an integer, not " + shown(p));
        }
        return p.getLongValue();
    }

    static List<String> strings(JsonParser p, String at, String name) throws IOException {
        if (isNull(p)) {
            return null;
        }
        array(p, at, name);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException(path(at, name) + ": expected strings, not " + shown(p));
            }
            out.add(p.getText());
        }
        return out;
    }

    static List<Long> integers(JsonParser p, String at, String name) throws IOException {
        if (isNull(p)) {
            return null;
        }
        array(p, at, name);
        List<Long> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(integer(p, at, name));
        }
        return out;
    }

    private static void array(JsonParser p, String at, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException(path(at, name) + ": expected an array, not " + shown(p));
        }
    }

    /** The current value as the tree reader shows it in messages (a container as its JSON text). */
    private static String shown(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            return Json.text(p.readValueAsTree());
        }
        return t == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
    }
}
