package io.jconntrack.consoletests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A case file in the format of conntrack-tools' {@code tests/conntrack/testsuite}: one {@code conntrack} command line
 * per line, its arguments, {@code ;}, and what the tool should do.
 * <ul>
 * <li>{@code ARGS ; OK} or {@code ARGS ; BAD}: run and judged (exit status 0 or not);</li>
 * <li>{@code ARGS ;} alone: a line of the standard input block that the next {@code -R -} line reads;</li>
 * <li>{@code ARGS ; |s/A/B/g; s/C/D/}: run and judged, and its output, edited by these {@code sed} substitutions,
 * appended to that block (a dump in {@code -o save} form restored elsewhere);</li>
 * <li>{@code #} comments and blank lines (also {@code ;} alone) are ignored. A leading {@code conntrack} is
 * optional.</li>
 * </ul>
 */
record CaseFile(String name, List<CaseFile.Line> lines) {

    /** What a line asks. */
    enum Kind { RUN, STDIN, PIPE }

    /** One meaningful line: its number in the file, the tool's arguments, and what to do with it. */
    record Line(int number, Kind kind, String args, Optional<Boolean> expectOk, String sed) {
        String where(String file) {
            return file + ":" + number;
        }
    }

    static CaseFile read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static CaseFile parse(String name, List<String> text) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            String raw = text.get(i);
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int semi = raw.indexOf(';');
            if (semi < 0) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": no ';' in '" + raw + "'");
            }
            String args = withoutProgramName(raw.substring(0, semi).strip());
            String rest = raw.substring(semi + 1).strip();
            if (args.isEmpty()) {
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": an outcome without a command");
                }
                continue;
            }
            if (rest.isEmpty()) {
                lines.add(new Line(i + 1, Kind.STDIN, args, Optional.empty(), ""));
            } else if (rest.startsWith("|")) {
                lines.add(new Line(i + 1, Kind.PIPE, args, Optional.empty(), rest.substring(1).strip()));
            } else if (rest.equals("OK") || rest.equals("BAD")) {
                lines.add(new Line(i + 1, Kind.RUN, args, Optional.of(rest.equals("OK")), ""));
            } else {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": OK, BAD or |SED expected after ';', not '"
                        + rest + "'");
            }
        }
        return new CaseFile(name, List.copyOf(lines));
    }

    private static String withoutProgramName(String args) {
        if (args.equals("conntrack")) {
            return "";
        }
        return args.startsWith("conntrack ") ? args.substring("conntrack ".length()).strip() : args;
    }
}
