package io.jconntrack.remote;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads a {@code text/event-stream} (the WHATWG Server-Sent Events format): {@code event:} and {@code data:} lines,
 * a blank line ends an event, lines starting with {@code :} are comments (the agent's keep-alives). Only what the
 * agent sends is modelled: no {@code id:} or {@code retry:} handling.
 */
final class ServerSentEvents {
    private final BufferedReader in;

    ServerSentEvents(BufferedReader in) {
        this.in = in;
    }

    /** One event, {@code name} "message" when the stream gave none. */
    record Event(String name, String data) {
    }

    /** The next event, or {@code null} at the end of the stream. */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString());
                }
                name = null; // an event without data is ignored, as a browser does
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
        }
        return null;
    }
}
