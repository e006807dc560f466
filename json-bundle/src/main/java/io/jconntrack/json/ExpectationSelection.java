package io.jconntrack.json;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters to an {@link ExpectationFilter}, one per builder method and named as it, as {@link FilterQuery}
 * does for entries: unknown and repeated parameters are refused, so a misspelt selection never widens a delete.
 */
public final class ExpectationSelection {
    public static final Set<String> PARAMETERS = Set.of("family", "protocol", "zone", "helper", "expectedSource",
            "expectedDestination", "expectedSourcePort", "expectedDestinationPort", "masterProtocol", "masterSource",
            "masterDestination", "masterSourcePort", "masterDestinationPort");

    private ExpectationSelection() {
    }

    public static ExpectationFilter of(Map<String, List<String>> query, Set<String> others) {
        ExpectationFilter.Builder b = ExpectationFilter.builder();
        FilterQuery.eachSelecting(query, PARAMETERS, others, (name, v) -> {
            switch (name) {
                case "family": b.family(AddressFamily.parse(v)); break;
                case "protocol": b.protocol(Protocol.parse(v)); break;
                case "zone": b.zone(FilterQuery.integer(name, v)); break;
                case "helper": b.helper(v); break;
                case "expectedSource": b.expectedSource(v); break;
                case "expectedDestination": b.expectedDestination(v); break;
                case "expectedSourcePort": b.expectedSourcePort(FilterQuery.integer(name, v)); break;
                case "expectedDestinationPort": b.expectedDestinationPort(FilterQuery.integer(name, v)); break;
                case "masterProtocol": b.masterProtocol(Protocol.parse(v)); break;
                case "masterSource": b.masterSource(v); break;
                case "masterDestination": b.masterDestination(v); break;
                case "masterSourcePort": b.masterSourcePort(FilterQuery.integer(name, v)); break;
                case "masterDestinationPort": b.masterDestinationPort(FilterQuery.integer(name, v)); break;
                default: throw new IllegalStateException(name);
            }
        });
        return b.build();
    }

    /** The query parameters that select what {@code f} selects; {@link #of} reads them back as {@code f}. */
    public static Map<String, String> encode(ExpectationFilter f) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        put(q, "family", f.family() == null ? null : f.family().label());
        put(q, "protocol", f.protocol() == null ? null : Integer.toString(f.protocol().number()));
        put(q, "zone", f.zone());
        put(q, "helper", f.helper());
        put(q, "expectedSource", f.expectedSource());
        put(q, "expectedDestination", f.expectedDestination());
        put(q, "expectedSourcePort", f.expectedSourcePort());
        put(q, "expectedDestinationPort", f.expectedDestinationPort());
        put(q, "masterProtocol", f.masterProtocol() == null ? null : Integer.toString(f.masterProtocol().number()));
        put(q, "masterSource", f.masterSource());
        put(q, "masterDestination", f.masterDestination());
        put(q, "masterSourcePort", f.masterSourcePort());
        put(q, "masterDestinationPort", f.masterDestinationPort());
        return q;
    }

    private static void put(Map<String, String> q, String name, Object value) {
        if (value != null) {
            q.put(name, value.toString());
        }
    }
}
