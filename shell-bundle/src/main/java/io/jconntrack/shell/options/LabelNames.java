package io.jconntrack.shell.options;

import io.jconntrack.api.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connection label names, as libnetfilter_conntrack's label map reads them ({@code BIT NAME} lines in
 * {@code connlabel.conf}). Numbers 0..127 are accepted whether a map exists or not: the tool refuses every label
 * without a map, which leaves labels unusable on hosts without one.
 */
public final class LabelNames {
    /** Where libnetfilter_conntrack looks, in this order. */
    static final List<Path> MAPS = List.of(Path.of("/etc/xtables/connlabel.conf"), Path.of("/etc/connlabel.conf"));

    private LabelNames() {
    }

    /** Parses {@code NAME[,NAME...]} (names or bit numbers) into bits. */
    public static Set<Integer> parse(String option, String text) {
        Set<Integer> bits = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            bits.add(bit(option, part));
        }
        return bits;
    }

    static int bit(String option, String name) {
        Long n = CNumbers.parse(name);
        if (n != null) {
            if (n > Limits.MAX_LABEL_BIT) {
                throw new IllegalArgumentException(option + ": label " + n + " is out of range 0.."
                        + Limits.MAX_LABEL_BIT);
            }
            return n.intValue();
        }
        for (Path map : MAPS) {
            Integer bit = lookup(map, name);
            if (bit != null) {
                return bit;
            }
        }
        throw new IllegalArgumentException(option + ": unknown label '" + name + "' (not a number 0.."
                + Limits.MAX_LABEL_BIT + " nor a name in " + MAPS.get(0) + " or " + MAPS.get(1) + ")");
    }

    private static Integer lookup(Path map, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(map, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        for (String line : lines) {
            String[] w = line.trim().split("\\s+", 2);
            if (w.length == 2 && !w[0].startsWith("#") && w[1].trim().equals(name)) {
                Long bit = CNumbers.parse(w[0]);
                if (bit != null && bit <= Limits.MAX_LABEL_BIT) {
                    return bit.intValue();
                }
            }
        }
        return null;
    }
}
