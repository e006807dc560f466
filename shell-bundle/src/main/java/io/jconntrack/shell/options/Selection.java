package io.jconntrack.shell.options;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import java.util.function.Predicate;

/**
 * What a list, delete, update or events command selects: the part the service filters ({@link #filter}) and the
 * part only this console knows how to test ({@link #extra}: ICMP fields, GRE keys, SCTP/DCCP states, negated
 * status flags, non-contiguous netmasks), {@code null} when there is none.
 */
public record Selection(ConntrackFilter filter, Predicate<ConntrackEntry> extra) {

    public boolean matches(ConntrackEntry e) {
        return filter.matches(e) && (extra == null || extra.test(e));
    }

    /** Whether some of the selection is tested here rather than by the service. */
    public boolean hasExtra() {
        return extra != null;
    }

    /** True when nothing is selected beyond every entry. */
    public boolean isEverything() {
        return filter.isEmpty() && extra == null;
    }
}
