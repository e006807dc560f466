package io.jconntrack.consoletests;

import io.jconntrack.testsupport.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a bin/client call printed, as lines without the colours Karaf adds to its error line. */
final class ConsoleOutput {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    /** The start of the line Karaf prints for a command that threw. */
    static final String ERROR_PREFIX = "Error executing command: ";

    private static final Pattern STACK_LINE =
            Pattern.compile("^\\s*(at [\\w.$/<>]+\\(.*\\)|Caused by: .*|\\.\\.\\. \\d+ more)\\s*$");

    private ConsoleOutput() {
    }

    static String plain(String text) {
        return ANSI.matcher(text).replaceAll("").replace("\r", "");
    }

    /** Non-blank lines of stdout (the exec channel brings Karaf's error line there as well). */
    static List<String> stdoutLines(Processes.Result r) {
        return lines(r.out());
    }

    /** Non-blank lines of stdout, then of stderr. */
    static List<String> allLines(Processes.Result r) {
        List<String> all = new ArrayList<>(lines(r.out()));
        all.addAll(lines(r.err()));
        return all;
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : plain(text).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** Whether some line looks like a Java stack trace line. */
    static boolean hasStackTrace(String text) {
        for (String l : plain(text).split("\n")) {
            if (STACK_LINE.matcher(l).matches()) {
                return true;
            }
        }
        return false;
    }
}
