package io.jconntrack.consoletests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a {@code conntrack} command line becomes the console's: the command option names the command, every other
 * argument is passed as written, in the namespace given.
 * <ul>
 * <li>{@code -I} create, {@code -A} add, {@code -D} delete, {@code -U} update, {@code -L} list, {@code -G} get,
 * {@code -F} flush, {@code -C} count, {@code -R} restore (long forms as well);</li>
 * <li>the tool's {@code -n} ({@code --src-nat}) becomes {@code --src-nat}: on the console {@code -n} is
 * {@code --netns};</li>
 * <li>{@code -D} with nothing else deletes everything in the tool; the console asks for {@code --all} to do so;</li>
 * <li>{@code -L} and {@code -G} print in the tool's format ({@code -o conntrack}) unless the line gives {@code -o};</li>
 * <li>{@code -R -} (the tool reads its standard input) becomes {@code cat FILE | conntrack:restore}, the file holding
 * that input: restore reads its standard input in a Karaf pipe. {@code -R FILE} becomes
 * {@code conntrack:restore FILE}.</li>
 * </ul>
 * Arguments holding a character the Karaf shell would read (IPv6 {@code [ADDR]:PORT}, {@code $}, quotes) are quoted.
 */
final class ConsoleMapping {
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("-I", "create"), Map.entry("--create", "create"),
            Map.entry("-A", "add"), Map.entry("--add", "add"),
            Map.entry("-D", "delete"), Map.entry("--delete", "delete"),
            Map.entry("-U", "update"), Map.entry("--update", "update"),
            Map.entry("-L", "list"), Map.entry("--dump", "list"),
            Map.entry("-G", "get"), Map.entry("--get", "get"),
            Map.entry("-F", "flush"), Map.entry("--flush", "flush"),
            Map.entry("-C", "count"), Map.entry("--count", "count"),
            Map.entry("-R", "restore"), Map.entry("--load-file", "restore"));

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:/=+@%-]+");

    /** A tool line split: the command option, the console command it maps to, and the other arguments. */
    record ToolCommand(String option, String console, List<String> arguments) {
        boolean lists() {
            return console.equals("list") || console.equals("get") || console.equals("count");
        }

        boolean readsStandardInput() {
            return console.equals("restore") && arguments.equals(List.of("-"));
        }
    }

    private ConsoleMapping() {
    }

    static List<String> split(String args) {
        String s = args.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    /** The command of a tool line, or empty when it has none the console has (e.g. -E, -S, -h). */
    static Optional<ToolCommand> parse(String toolArgs) {
        List<String> tokens = split(toolArgs);
        for (int i = 0; i < tokens.size(); i++) {
            String console = COMMANDS.get(tokens.get(i));
            if (console != null) {
                List<String> rest = new ArrayList<>(tokens.subList(0, i));
                rest.addAll(tokens.subList(i + 1, tokens.size()));
                return Optional.of(new ToolCommand(tokens.get(i), console, List.copyOf(rest)));
            }
        }
        return Optional.empty();
    }

    /**
     * The console command line for a tool line in namespace {@code netns}; {@code stdinFile} holds the standard input
     * of a {@code -R -} line.
     */
    static Optional<String> console(String toolArgs, String netns, String stdinFile) {
        Optional<ToolCommand> parsed = parse(toolArgs);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ToolCommand c = parsed.get();
        StringBuilder b = new StringBuilder();
        if (c.readsStandardInput()) {
            return Optional.of("cat " + quoted(stdinFile) + " | conntrack:restore -n " + netns);
        }
        b.append("conntrack:").append(c.console()).append(" -n ").append(netns);
        List<String> args = c.arguments();
        for (String a : args) {
            b.append(' ').append(quoted(a.equals("-n") ? "--src-nat" : a));
        }
        if (c.console().equals("delete") && args.isEmpty()) {
            b.append(" --all");
        }
        if ((c.console().equals("list") || c.console().equals("get"))
                && !args.contains("-o") && !args.contains("--output")) {
            b.append(" -o conntrack");
        }
        return Optional.of(b.toString());
    }

    static String quoted(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
