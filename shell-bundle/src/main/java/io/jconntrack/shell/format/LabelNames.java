package io.jconntrack.shell.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Connection label names as libnetfilter_conntrack 1.0.9 reads them from {@code connlabel.conf}
 * ({@code __labelmap_new} in {@code src/conntrack/labels.c}): one {@code BIT NAME} per line, {@code #} comments,
 * the bit as C's {@code strtoul(s, &end, 0)} reads it (decimal, {@code 0x} hex or {@code 0} octal) below 1024,
 * the name trimmed and made only of ASCII letters, digits, spaces and dashes; the first line wins for a bit and for
 * a name. Immutable.
 */
public final class LabelNames {
    /** Where the tool reads label names: libnetfilter_conntrack's {@code CONNLABEL_CFG}. */
    public static final Path CONNLABEL_CONF = Path.of("/etc/xtables/connlabel.conf");
    /** Where newer iptables installs the file; read when the first is missing or names nothing. */
    public static final Path CONNLABEL_CONF_ETC = Path.of("/etc/connlabel.conf");
    /** Bits the library accepts in the file ({@code MAX_BITS}); the kernel keeps 128 of them. */
    static final int MAX_BITS = 1024;

    private final String[] names;

    private LabelNames(String[] names) {
        this.names = names;
    }

    /**
     * The names of {@link #CONNLABEL_CONF}, else of {@link #CONNLABEL_CONF_ETC}, or null when neither names any: the
     * one reader of label names, for printing labels and for reading them in options alike.
     */
    public static LabelNames load() {
        LabelNames n = load(CONNLABEL_CONF);
        return n != null ? n : load(CONNLABEL_CONF_ETC);
    }

    /**
     * The names in {@code file}, or null when it cannot be read or names nothing: the tool then has no label map
     * and prints no labels at all.
     */
    public static LabelNames load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The names in these lines of a {@code connlabel.conf}, or null when they name nothing. */
    public static LabelNames parse(List<String> lines) {
        String[] byBit = new String[MAX_BITS];
        BitSet seen = new BitSet(MAX_BITS);
        Set<String> taken = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            int[] end = new int[1];
            long bit = strtoul(line, end);
            if (bit < 0 || bit >= MAX_BITS || seen.get((int) bit)) {
                continue;
            }
            String name = trimPosixSpace(line.substring(end[0]));
            if (name.isEmpty() || !isSane(name) || !taken.add(name)) {
                continue;
            }
            byBit[(int) bit] = name;
            seen.set((int) bit);
        }
        return seen.isEmpty() ? null : new LabelNames(byBit);
    }

    /** The bit a name stands for, or null when the file does not name it. */
    public Integer bitOf(String name) {
        for (int bit = 0; bit < names.length; bit++) {
            if (name.equals(names[bit])) {
                return bit;
            }
        }
        return null;
    }

    /** The name of a label bit, or null when the file does not name it. */
    public String nameOf(int bit) {
        return bit >= 0 && bit < names.length ? names[bit] : null;
    }

    /**
     * C's {@code strtoul(s, &end, 0)} on the start of a line: leading white space, an optional sign, then hex after
     * {@code 0x}, octal after {@code 0}, else decimal. Returns -1 when no digit was read (the library's
     * {@code value == 0 && s == end}) and values of 2^31 and more as {@link Long#MAX_VALUE} (all too large anyway).
     */
    static long strtoul(String s, int[] end) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (s.startsWith("0", i)) {
            radix = 8;
        }
        int digits = i;
        long value = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            value = Math.min(Integer.MAX_VALUE + 1L, value * radix + Character.digit(s.charAt(i), radix));
            i++;
        }
        if (i == digits) {
            end[0] = 0;
            return -1;
        }
        end[0] = i;
        // A negative number wraps around to a huge unsigned value in C: too large for a label either way.
        return negative && value != 0 ? Long.MAX_VALUE : value;
    }

    /** The library's {@code trim_label}: spaces, tabs, {@code \f}, {@code \r} and {@code \v} on both ends. */
    private static String trimPosixSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isPosixSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isPosixSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isPosixSpace(char c) {
        return c == ' ' || c == '\f' || c == '\r' || c == '\t' || c == 0x0B;
    }

    /** The library's {@code label_is_sane}: names end up in command lines, so only a safe alphabet. */
    private static boolean isSane(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ' ' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
