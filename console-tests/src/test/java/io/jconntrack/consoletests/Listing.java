package io.jconntrack.consoletests;

import io.jconntrack.testsupport.TestNamespace;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Listed entries made comparable between two namespaces and two moments: what counts down (timeouts) or differs per
 * namespace (entry ids, timestamps) is replaced by a placeholder, and lines are sorted (the two namespaces hash their
 * tables differently, so dumps come in different orders).
 */
final class Listing {
    /** The timeout after protocol name and number, with the {@code -o extended} family prefix before them. */
    private static final Pattern TABLE_LINE = Pattern.compile("^[a-z][a-z0-9-]*\\s+\\d+\\s+\\d+ .*");
    private static final Pattern EXTENDED_TIMEOUT = Pattern.compile("^(ipv[46]\\s+\\d+\\s+\\S+\\s+\\d+\\s+)\\d+ ");
    private static final Pattern SAVE_TIMEOUT = Pattern.compile("(^|\\s)-t \\d+(?=\\s|$)");
    private static final Pattern ID = Pattern.compile("\\bid=\\d+");
    private static final Pattern TIMESTAMPS = Pattern.compile("\\[(start|stop)=[^\\]]*\\]|\\bdelta-time=\\d+");

    private Listing() {
    }

    static String normalised(String line) {
        String s = line.strip();
        if (TABLE_LINE.matcher(s).matches()) {
            s = TestNamespace.withoutTimeout(s);
        }
        s = EXTENDED_TIMEOUT.matcher(s).replaceFirst("$1T ");
        s = SAVE_TIMEOUT.matcher(s).replaceAll("$1-t T");
        s = ID.matcher(s).replaceAll("id=ID");
        return TIMESTAMPS.matcher(s).replaceAll(m -> m.group(1) != null ? "[" + m.group(1) + "=TS]" : "delta-time=DT");
    }

    static List<String> normalised(List<String> lines) {
        return lines.stream().map(Listing::normalised).sorted().toList();
    }
}
