package io.jconntrack.rest;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.core.MultivaluedMap;

/**
 * Query parameters to an {@link ExpectationFilter}, one per builder method and named as it, as {@link Selection}
 * does for entries: unknown and repeated parameters are refused, so a misspelt selection never widens a delete.
 */
final class ExpectationSelection {
    static final Set<String> PARAMETERS = Set.of("family", "protocol", "zone", "helper", "expectedSource",
            "expectedDestination", "expectedSourcePort", "expectedDestinationPort", "masterProtocol", "masterSource",
            "masterDestination", "masterSourcePort", "masterDestinationPort");

    private ExpectationSelection() {
    }

    static ExpectationFilter of(MultivaluedMap<String, String> query, Set<String> others) {
        ExpectationFilter.Builder b = ExpectationFilter.builder();
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            String name = p.getKey();
            if (others.contains(name)) {
                continue;
            }
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown query parameter; known: "
                        + new java.util.TreeSet<>(PARAMETERS) + " and " + new java.util.TreeSet<>(others));
            }
            if (p.getValue().size() != 1) {
                throw new IllegalArgumentException(name + ": given " + p.getValue().size() + " times");
            }
            String v = p.getValue().get(0);
            switch (name) {
                case "family": b.family(AddressFamily.parse(v)); break;
                case "protocol": b.protocol(Protocol.parse(v)); break;
                case "zone": b.zone(Selection.integer(name, v)); break;
                case "helper": b.helper(v); break;
                case "expectedSource": b.expectedSource(v); break;
                case "expectedDestination": b.expectedDestination(v); break;
                case "expectedSourcePort": b.expectedSourcePort(Selection.integer(name, v)); break;
                case "expectedDestinationPort": b.expectedDestinationPort(Selection.integer(name, v)); break;
                case "masterProtocol": b.masterProtocol(Protocol.parse(v)); break;
                case "masterSource": b.masterSource(v); break;
                case "masterDestination": b.masterDestination(v); break;
                case "masterSourcePort": b.masterSourcePort(Selection.integer(name, v)); break;
                case "masterDestinationPort": b.masterDestinationPort(Selection.integer(name, v)); break;
                default: throw new IllegalStateException(name);
            }
        }
        return b.build();
    }
}
