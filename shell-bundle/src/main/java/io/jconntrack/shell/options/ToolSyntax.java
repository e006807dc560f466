package io.jconntrack.shell.options;

import io.jconntrack.api.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tool's command-line syntax as its {@code getopt_long} loop does: short options ({@code -s ADDR},
 * {@code -sADDR}, clusters of flags), long options and unambiguous abbreviations ({@code --orig-src ADDR},
 * {@code --src=ADDR}, {@code --proto}), and optional arguments ({@code --src-nat}, {@code --dst-nat},
 * {@code --any-nat}, {@code --label-del} and the command letters) that take the next word unless it starts with
 * {@code -} or {@code !}. Protocol options ({@code --sport}, {@code --icmp-type}, ...) exist only after {@code -p}
 * names their protocol, as in the tool.
 *
 * <p>In {@link Mode#TOOL} (restore input) {@code -n} is {@code --src-nat} and a command letter is expected; in
 * {@link Mode#CONSOLE} (words after a console command's options) {@code -n} is the namespace and the command is the
 * console command's.
 */
public final class ToolSyntax {
    /** Which language the words are in. */
    public enum Mode {
        TOOL, CONSOLE
    }

    /** The first word of a restore line may name the tool, as a shell command would. */
    static final String PROGRAM = "conntrack";
    /** The only table of the tool this console works on ({@code -L conntrack}). */
    static final String TABLE = "conntrack";
    private static final String NETNS_LONG = "netns";

    private final Mode mode;
    private final ToolArgs args;
    private final List<String> words;
    private int next;
    private Set<ToolOption> protocolOptions = EnumSet.noneOf(ToolOption.class);

    private ToolSyntax(Mode mode, ToolArgs args, List<String> words) {
        this.mode = mode;
        this.args = args;
        this.words = words;
    }

    /** Parses a whole line of restore input (or of the tool's command line) into a new {@link ToolArgs}. */
    public static ToolArgs parseLine(String line) {
        List<String> words = split(line);
        if (!words.isEmpty() && words.get(0).equals(PROGRAM)) {
            words = words.subList(1, words.size());
        }
        ToolArgs a = new ToolArgs();
        new ToolSyntax(Mode.TOOL, a, words).run();
        if (a.command() == null) {
            throw new IllegalArgumentException("no command given (one of -I, -A, -U, -D, -F)");
        }
        return a;
    }

    /** Adds the options in {@code words} to {@code args}, in the given mode. */
    public static void parseInto(ToolArgs args, List<String> words, Mode mode) {
        new ToolSyntax(mode, args, words).run();
    }

    private void run() {
        if (args.has(ToolOption.PROTO) && args.get(ToolOption.PROTO) != null) {
            protocolOptions = ProtocolOptions.of(ProtocolNames.parse("--protonum", args.get(ToolOption.PROTO)));
        }
        while (next < words.size()) {
            String w = words.get(next++);
            if (w.equals("--")) {
                if (next < words.size()) {
                    throw new IllegalArgumentException("unexpected argument '" + words.get(next) + "'");
                }
                return;
            }
            if (w.startsWith("--")) {
                longOption(w.substring(2));
            } else if (w.startsWith("-") && w.length() > 1) {
                shortOptions(w);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + w + "'");
            }
        }
    }

    private void longOption(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String inline = eq < 0 ? null : text.substring(eq + 1);
        if (mode == Mode.CONSOLE && NETNS_LONG.startsWith(name) && !name.isEmpty()) {
            args.netns(inline != null ? inline : required("--" + NETNS_LONG));
            return;
        }
        ToolOption o = findLong(name);
        if (o == null) {
            throw new IllegalArgumentException("unknown option `--" + name + "'");
        }
        String value = inline;
        if (value == null && o.arg() == ToolOption.Arg.REQUIRED) {
            value = required("--" + name);
        } else if (value == null && o.arg() == ToolOption.Arg.OPTIONAL) {
            value = optional();
        } else if (value != null && o.arg() == ToolOption.Arg.NONE) {
            throw new IllegalArgumentException("option `--" + name + "' doesn't allow an argument");
        }
        set(o, value);
    }

    private void shortOptions(String word) {
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            String rest = word.substring(i + 1);
            ToolCommand command = ToolCommand.of(c);
            if (command != null && mode == Mode.TOOL) {
                args.command(command);
                table(rest.isEmpty() ? optional() : rest);
                return;
            }
            if (c == 'n' && mode == Mode.CONSOLE) {
                args.netns(rest.isEmpty() ? required("-n") : rest);
                return;
            }
            ToolOption o = findShort(c);
            if (o == null) {
                throw new IllegalArgumentException("unknown option `-" + c + "'");
            }
            if (o.arg() == ToolOption.Arg.NONE) {
                set(o, null);
                continue;
            }
            String value = !rest.isEmpty() ? rest
                    : o.arg() == ToolOption.Arg.REQUIRED ? required("-" + c) : optional();
            set(o, value);
            return;
        }
    }

    private void set(ToolOption o, String value) {
        args.put(o, value);
        if (o == ToolOption.PROTO) {
            protocolOptions = ProtocolOptions.of(ProtocolNames.parse("--protonum", value));
        }
    }

    /** The tool accepts only its conntrack table here; expectations and the dying lists are not this console's. */
    private static void table(String name) {
        if (name != null && !TABLE.startsWith(name)) {
            throw new IllegalArgumentException("table `" + name + "': only the conntrack table is supported");
        }
    }

    private String required(String option) {
        if (next >= words.size()) {
            throw new IllegalArgumentException("option `" + option + "' requires an argument");
        }
        return words.get(next++);
    }

    private String optional() {
        if (next < words.size() && !words.get(next).startsWith("-") && !words.get(next).startsWith("!")) {
            return words.get(next++);
        }
        return null;
    }

    private ToolOption findShort(char c) {
        for (ToolOption o : ToolOption.values()) {
            if (o.shortName() == c && known(o)) {
                return o;
            }
        }
        return null;
    }

    /** Exact long name, else the only option whose long name starts with {@code name}, as getopt_long. */
    private ToolOption findLong(String name) {
        ToolOption prefixed = null;
        boolean ambiguous = false;
        for (ToolOption o : ToolOption.values()) {
            if (!known(o)) {
                continue;
            }
            for (String l : o.longNames()) {
                if (l.equals(name)) {
                    return o;
                }
                if (!name.isEmpty() && l.startsWith(name)) {
                    ambiguous |= prefixed != null && prefixed != o;
                    prefixed = o;
                }
            }
        }
        if (ambiguous) {
            throw new IllegalArgumentException("option `--" + name + "' is ambiguous");
        }
        return prefixed;
    }

    private boolean known(ToolOption o) {
        if (!o.isProtocolOption()) {
            return true;
        }
        // On the console the options come in any order, so protocol options are known before -p; the request
        // checks that they fit the protocol.
        return mode == Mode.CONSOLE || protocolOptions.contains(o);
    }

    /**
     * Splits a line into words as the tool's {@code -R} reader does: blanks separate words, double quotes group
     * them, a backslash inside quotes escapes the next character.
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean word = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                word = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (word) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    word = false;
                }
            } else {
                cur.append(c);
                word = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        if (word) {
            out.add(cur.toString());
        }
        return out;
    }

    static Protocol protocolOf(ToolArgs a) {
        return ProtocolNames.parse("--protonum", a.get(ToolOption.PROTO));
    }
}
