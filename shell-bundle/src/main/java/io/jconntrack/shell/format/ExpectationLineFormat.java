package io.jconntrack.shell.format;

import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.Tuple;

/**
 * One expectation as conntrack-tools 1.4.7 prints it ({@code conntrack -L expect}, {@code -E expect}):
 * libnetfilter_conntrack 1.0.9's {@code __snprintf_expect_default} ({@code src/expect/snprintf_default.c}). Fields
 * carry a trailing space and the last is dropped, as there. The library prints the zone when the kernel sent
 * {@code CTA_EXPECT_ZONE}, which a 6.x kernel does for a zone other than 0; class and helper come in every message.
 * The tool's {@code -o} modifiers do not change an expectation's line.
 */
public final class ExpectationLineFormat {
    private static final String EVENT_TYPE = "%9s ";

    private ExpectationLineFormat() {
    }

    public static String format(Expectation x) {
        StringBuilder s = new StringBuilder(256);
        line(s, x);
        return s.toString();
    }

    /** As {@code conntrack -E expect} prints an event (without the {@code -o timestamp} prefix). */
    public static String formatEvent(EventType type, Expectation x) {
        StringBuilder s = new StringBuilder(256);
        s.append(String.format(EVENT_TYPE, "[" + type.name() + "]"));
        line(s, x);
        return s.toString();
    }

    private static void line(StringBuilder s, Expectation x) {
        if (x.timeout() != Expectation.NO_TIMEOUT) {
            s.append(x.timeout()).append(' ');
        }
        s.append("proto=").append(x.expected().protocol().number()).append(' ');
        tuple(s, "", x.expected());
        tuple(s, "mask-", x.mask());
        tuple(s, "master-", x.master());
        if (x.zone() != 0) {
            s.append("zone=").append(x.zone()).append(' ');
        }
        String delim = "";
        for (ExpectationFlag f : ExpectationFlag.values()) {
            if (x.flags().contains(f)) {
                s.append(delim).append(f.name());
                delim = ",";
            }
        }
        if (!x.flags().isEmpty()) {
            s.append(' ');
        }
        s.append("class=").append(x.expectationClass()).append(' ');
        if (x.helper() != null) {
            s.append("helper=").append(x.helper()).append(' ');
        }
        s.setLength(s.length() - 1);
    }

    /** {@code PREFIXsrc=.. PREFIXdst=..}, then the layer-4 part without prefix, as the library writes them. */
    private static void tuple(StringBuilder s, String prefix, Tuple t) {
        StringBuilder plain = new StringBuilder(64);
        ConntrackLineFormat.tuple(plain, t);
        s.append(prefix).append(plain, 0, plain.indexOf(" dst=") + 1).append(prefix)
                .append(plain, plain.indexOf(" dst=") + 1, plain.length());
    }
}
