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
import java.io.IOException;

/**
 * The one Jackson mapper of the bundle (thread-safe once configured); bodies are built as trees and written as text.
 * Reading is strict: a field given twice and content after the document are refused, as a second {@code zone} or a
 * second object must not silently win or vanish.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    /** Whole documents; not the mapper's default, which would refuse the next element of a streamed array. */
    private static final ObjectReader DOCUMENT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
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
            throw new IllegalArgumentException("body: trailing content after the JSON document (" + extra + " at "
                    + p.getCurrentLocation().getCharOffset() + ")");
        }
    }

    /** Bad input naming the body, with Jackson's reason (a duplicate field, a syntax error) but not its location dump. */
    public static IllegalArgumentException notJson(JsonProcessingException e) {
        return new IllegalArgumentException("body: not JSON (" + e.getOriginalMessage() + ")");
    }
}
