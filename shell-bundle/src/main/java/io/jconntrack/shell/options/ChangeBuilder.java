package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.Limits;
import java.util.Set;
import java.util.TreeSet;

/**
 * The change of update ({@code -U}): mark or mark/mask ({@code (old & ~mask) ^ mark}), status flags to set, labels
 * to add or remove ({@code --label-del} without a value removes them all), timeout.
 */
final class ChangeBuilder {
    private ChangeBuilder() {
    }

    static ConntrackChange build(ToolRequest r) {
        ToolArgs a = r.args();
        if (a.has(STATE)) {
            // The tool copies a given state into each entry; ConntrackChange has no state to change (yet).
            throw new IllegalArgumentException("--state: changing the protocol state of selected entries is not "
                    + "supported by this console");
        }
        ConntrackChange.Builder b = ConntrackChange.builder();
        if (a.has(MARK)) {
            long[] m = ToolValues.mark("--mark", a.get(MARK));
            b.mark(m[0], m[1]);
        }
        if (a.has(STATUS)) {
            b.status(ToolValues.status("--status", a.get(STATUS)).set());
        }
        if (a.has(TIMEOUT)) {
            b.timeout(CNumbers.range("--timeout", a.get(TIMEOUT), 0, ToolValues.MAX_U32));
        }
        if (a.has(LABEL_ADD)) {
            b.labelsToSet(labels("--label-add", a, LABEL_ADD));
        }
        if (a.has(LABEL_DEL)) {
            Set<Integer> bits = labels("--label-del", a, LABEL_DEL);
            if (a.labels(LABEL_DEL).isEmpty()) {
                for (int i = 0; i <= Limits.MAX_LABEL_BIT; i++) {
                    bits.add(i);
                }
            }
            b.labelsToClear(bits);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("update: " + e.getMessage()
                    + " (-m, -u, -t, --label-add or --label-del)", e);
        }
    }

    private static Set<Integer> labels(String option, ToolArgs a, ToolOption o) {
        Set<Integer> bits = new TreeSet<>();
        for (String l : a.labels(o)) {
            bits.addAll(LabelBits.parse(option, l));
        }
        return bits;
    }
}
