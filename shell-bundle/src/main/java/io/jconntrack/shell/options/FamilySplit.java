package io.jconntrack.shell.options;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Workaround: the service (impl-bundle 0.1.0) sends a protocol filter ({@code CTA_FILTER} with an L4 protocol) in
 * an {@code AF_UNSPEC} dump, which the kernel refuses with {@code EOPNOTSUPP}; with a family set the same filter
 * works. So a filter with a protocol but no family is run once per family and the results are combined. Remove
 * when the service splits (or sends the filter without the protocol) itself.
 */
public final class FamilySplit {
    private FamilySplit() {
    }

    /** The filters to run in turn; the filter itself when it needs no split. */
    public static List<ConntrackFilter> of(ConntrackFilter filter) {
        if (filter.family() != null || filter.protocol() == null) {
            return List.of(filter);
        }
        List<ConntrackFilter> out = new ArrayList<>(2);
        for (AddressFamily f : AddressFamily.values()) {
            try {
                out.add(filter.toBuilder().family(f).build());
            } catch (IllegalArgumentException e) {
                // e.g. icmp has no IPv6 entries, icmpv6 no IPv4 ones: nothing to run for that family
            }
        }
        return out;
    }
}
