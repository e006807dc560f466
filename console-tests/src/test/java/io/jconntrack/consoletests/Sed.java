package io.jconntrack.consoletests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sed} the case files use after {@code |}: substitutions {@code s/REGEX/REPLACEMENT/[g]}, separated by
 * {@code ;}, applied line by line.
 */
final class Sed {
    private static final Pattern COMMAND = Pattern.compile("s/((?:[^/\\\\]|\\\\.)*)/((?:[^/\\\\]|\\\\.)*)/(g?)");

    private record Substitution(Pattern regex, String replacement, boolean global) {
    }

    private final List<Substitution> substitutions;

    private Sed(List<Substitution> substitutions) {
        this.substitutions = substitutions;
    }

    static Sed parse(String script) {
        List<Substitution> subs = new ArrayList<>();
        for (String part : script.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = COMMAND.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException("only s/REGEX/REPLACEMENT/[g] is supported, not '" + p + "'");
            }
            subs.add(new Substitution(Pattern.compile(m.group(1)), Matcher.quoteReplacement(m.group(2)),
                    !m.group(3).isEmpty()));
        }
        return new Sed(List.copyOf(subs));
    }

    String apply(String line) {
        String s = line;
        for (Substitution sub : substitutions) {
            Matcher m = sub.regex().matcher(s);
            s = sub.global() ? m.replaceAll(sub.replacement()) : m.replaceFirst(sub.replacement());
        }
        return s;
    }
}
