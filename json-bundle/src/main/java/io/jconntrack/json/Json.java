package io.jconntrack.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The one Jackson mapper of the bundle (thread-safe once configured); bodies are built as trees and written as text.
 * Reading is strict: a field given twice and content after the document are refused, as a second {@code zone} or a
 * second object must not silently win or vanish.
 */
public final class Json {
    /** Private: a mapper's settings can be changed by whoever holds it, and every codec relies on these. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    /** Whole documents; not the mapper's default, which would refuse the next element of a streamed array. */
    private static final ObjectReader DOCUMENT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** A new, empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static JsonNode nullNode() {
        return MAPPER.nullNode();
    }

    /** A parser of the bodies and streams the codecs read, with the mapper's settings (duplicate fields refused). */
    public static JsonParser parser(InputStream in) throws IOException {
        return MAPPER.getFactory().createParser(in);
    }

    public static JsonParser parser(String text) throws IOException {
        return MAPPER.getFactory().createParser(text);
    }

    /** A parser over a tree (to read it with the token readers the streams use). */
    static JsonParser parser(JsonNode node) {
        return node.traverse(MAPPER);
    }

    public static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    public static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request body as a tree; malformed JSON is bad input. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("body: is empty; expected JSON");
        }
        try {
            return DOCUMENT.readTree(body);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /** A streamed body's end: nothing but white space may follow its one document. */
    public static void expectEnd(JsonParser p) throws IOException {
        JsonToken extra = p.nextToken();
        if (extra != null) {
            throw new IllegalArgumentException("body: trailing content after the JSON document");
        }
    }

    /**
     * Bad input naming the body, with Jackson's reason (a duplicate field, a syntax error) but without the names of
     * its settings and classes that Jackson adds in backquotes ({@code StreamReadConstraints...}, "enable
     * {@code JsonReadFeature...}"): those are the library's internals, not the client's business.
     */
    public static IllegalArgumentException notJson(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage())
                .replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "")
                .replaceAll("[;:]?\\s*(enable|disable|use)?\\s*`[^`]*`.*", "")
                .trim();
        return new IllegalArgumentException("body: not JSON (" + reason + ")");
    }
}
