package io.jconntrack.shell.format;

import io.jconntrack.api.ConntrackEntry;

/**
 * TEMPORARY STUB in branch console-commands so that delete -o save compiles; the console-format helper owns the
 * real class with this signature. Do not merge this file over theirs.
 */
public final class SaveFormat {
    private SaveFormat() {
    }

    /** One line in the tool's save syntax, e.g. {@code -D -w 10 -s ... -t 50 ...}. */
    public static String line(String command, ConntrackEntry e) {
        throw new UnsupportedOperationException("SaveFormat stub: provided by the console-format branch");
    }
}
