package io.jconntrack.shell.format;

/** A minimal JSON object writer: enough for flat and nested objects of strings, numbers and their arrays. */
final class Json {
    private final StringBuilder s = new StringBuilder(256);
    private boolean first = true;

    Json() {
        s.append('{');
    }

    Json field(String name, String value) {
        if (value != null) {
            key(name);
            quote(s, value);
        }
        return this;
    }

    Json number(String name, long value) {
        key(name);
        s.append(value);
        return this;
    }

    Json unsigned(String name, long value) {
        key(name);
        s.append(Long.toUnsignedString(value));
        return this;
    }

    Json strings(String name, Iterable<?> values) {
        key(name);
        s.append('[');
        boolean f = true;
        for (Object v : values) {
            if (!f) {
                s.append(',');
            }
            f = false;
            quote(s, String.valueOf(v));
        }
        s.append(']');
        return this;
    }

    Json numbers(String name, Iterable<? extends Number> values) {
        key(name);
        s.append('[');
        boolean f = true;
        for (Number v : values) {
            if (!f) {
                s.append(',');
            }
            f = false;
            s.append(v);
        }
        s.append(']');
        return this;
    }

    Json object(String name, Json value) {
        if (value != null) {
            key(name);
            s.append(value);
        }
        return this;
    }

    private void key(String name) {
        if (!first) {
            s.append(',');
        }
        first = false;
        quote(s, name);
        s.append(':');
    }

    @Override
    public String toString() {
        return s + "}";
    }

    /** Writes a JSON string literal (RFC 8259): quote, backslash and control characters escaped. */
    static void quote(StringBuilder s, String v) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"': s.append("\\\""); break;
                case '\\': s.append("\\\\"); break;
                case '\n': s.append("\\n"); break;
                case '\r': s.append("\\r"); break;
                case '\t': s.append("\\t"); break;
                case '\b': s.append("\\b"); break;
                case '\f': s.append("\\f"); break;
                default:
                    // U+2028/2029 are valid JSON but break JavaScript consumers; escape them too.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
            }
        }
        s.append('"');
    }

    static String quote(String v) {
        StringBuilder s = new StringBuilder();
        quote(s, v);
        return s.toString();
    }
}
