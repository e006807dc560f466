package io.jconntrack.shell.format;

import java.util.Locale;

/** The values of {@code -o/--output}. */
public enum OutputFormat {
    /** A Karaf {@code ShellTable}. */
    TABLE,
    /** Exactly as {@code conntrack -L}. */
    CONNTRACK,
    /** One JSON object per line. */
    JSON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputFormat parse(String option, String text) {
        if (text == null) {
            return TABLE;
        }
        for (OutputFormat f : values()) {
            if (f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(option + ": '" + text + "' is not one of table, conntrack, json");
    }
}
