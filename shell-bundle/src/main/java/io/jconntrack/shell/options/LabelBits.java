package io.jconntrack.shell.options;

import io.jconntrack.api.Limits;
import io.jconntrack.shell.format.LabelNames;
import java.util.Set;
import java.util.TreeSet;

/**
 * Label options ({@code -l}, {@code --label-add}, {@code --label-del}): bit numbers 0..127, or names of the label
 * map that {@link LabelNames} reads (the same file the printed labels come from). Numbers are accepted whether a
 * map exists or not: the tool refuses every label without a map, which leaves labels unusable on hosts without one.
 */
public final class LabelBits {
    private LabelBits() {
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
        LabelNames map = LabelNames.load();
        Integer bit = map == null ? null : map.bitOf(name);
        if (bit == null || bit > Limits.MAX_LABEL_BIT) {
            throw new IllegalArgumentException(option + ": unknown label '" + name + "' (not a number 0.."
                    + Limits.MAX_LABEL_BIT + " nor a name in " + LabelNames.CONNLABEL_CONF + " or "
                    + LabelNames.CONNLABEL_CONF_ETC + ")");
        }
        return bit;
    }
}
