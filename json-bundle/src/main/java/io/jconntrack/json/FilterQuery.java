package io.jconntrack.json;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters to a {@link ConntrackFilter}: one parameter per builder method, named as the method, so that the
 * API's validation message ({@code sourcePort: 70000 is out of range ...}) names the parameter. Unknown parameters
 * and repeated ones are refused: a misspelt selection must not widen a delete to the whole table. {@link #encode}
 * is the inverse, for the remote client: {@code of(encode(f))} equals {@code f}.
 */
public final class FilterQuery {
    public static final Set<String> PARAMETERS = Set.of("family", "protocol", "zone", "originalZone", "replyZone",
            "sharedZone", "mark", "markMask", "source", "destination", "sourcePort", "destinationPort",
            "replySource", "replyDestination", "replySourcePort", "replyDestinationPort", "status", "tcpState",
            "labels", "secmark", "sourceNat", "destinationNat", "anyNat");

    private FilterQuery() {
    }

    /**
     * The filter named by {@code query}; {@code others} are the resource's other parameters ({@code netns},
     * {@code all}, ...), accepted and left to it.
     */
    public static ConntrackFilter of(Map<String, List<String>> query, Set<String> others) {
        ConntrackFilter.Builder b = ConntrackFilter.builder();
        eachSelecting(query, PARAMETERS, others, (name, value) ->
                apply(b, name, value, first(query, "markMask"), query.containsKey("mark")));
        return b.build();
    }

    /**
     * Hands each parameter of {@code query} that is one of {@code known} to {@code action} with its one value,
     * skipping {@code others}; an unknown or repeated parameter is refused, naming it (entries and expectations
     * alike: a misspelt selection must not widen a delete).
     */
    static void eachSelecting(Map<String, List<String>> query, Set<String> known, Set<String> others,
                              java.util.function.BiConsumer<String, String> action) {
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            String name = p.getKey();
            if (others.contains(name)) {
                single(name, p.getValue()); // the resource reads the first; a second must not be silently ignored
                continue;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown query parameter; known: "
                        + new java.util.TreeSet<>(known) + " and " + new java.util.TreeSet<>(others));
            }
            action.accept(name, single(name, p.getValue()));
        }
    }

    /** The one value of a parameter; given more than once it is refused, naming it. */
    public static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw new IllegalArgumentException(name + ": given " + values.size() + " times");
        }
        return values.get(0);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query parameters that select what {@code filter} selects, in a stable order. */
    public static Map<String, String> encode(ConntrackFilter f) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        if (f.family() != null) {
            q.put("family", f.family().label());
        }
        if (f.protocol() != null) {
            q.put("protocol", Integer.toString(f.protocol().number()));
        }
        putIfSet(q, "zone", f.zone());
        putIfSet(q, "originalZone", f.originalZone());
        putIfSet(q, "replyZone", f.replyZone());
        putIfSet(q, "sharedZone", f.sharedZone());
        if (f.mark() != null) {
            q.put("mark", Long.toString(f.mark()));
            q.put("markMask", Long.toString(f.markMask()));
        }
        putIfSet(q, "source", f.source());
        putIfSet(q, "destination", f.destination());
        putIfSet(q, "sourcePort", f.sourcePort());
        putIfSet(q, "destinationPort", f.destinationPort());
        putIfSet(q, "replySource", f.replySource());
        putIfSet(q, "replyDestination", f.replyDestination());
        putIfSet(q, "replySourcePort", f.replySourcePort());
        putIfSet(q, "replyDestinationPort", f.replyDestinationPort());
        if (f.status() != null && !f.status().isEmpty()) {
            q.put("status", f.status().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
        }
        if (f.tcpState() != null) {
            q.put("tcpState", f.tcpState().name());
        }
        if (f.labels() != null && !f.labels().isEmpty()) {
            q.put("labels", f.labels().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        }
        putIfSet(q, "secmark", f.secmark());
        putNat(q, "sourceNat", f.sourceNat());
        putNat(q, "destinationNat", f.destinationNat());
        putNat(q, "anyNat", f.anyNat());
        return q;
    }

    private static void putIfSet(Map<String, String> q, String name, Object value) {
        if (value != null) {
            q.put(name, value.toString());
        }
    }

    /** {@link NatTarget#ANY} is the empty value, as {@link #of} reads it. */
    private static void putNat(Map<String, String> q, String name, NatTarget nat) {
        if (nat != null) {
            q.put(name, nat.address() == null && nat.port() == null ? "" : nat.toString());
        }
    }

    private static void apply(ConntrackFilter.Builder b, String name, String v, String markMask, boolean hasMark) {
        switch (name) {
            case "family": b.family(AddressFamily.parse(v)); break;
            case "protocol": b.protocol(Protocol.parse(v)); break;
            case "zone": b.zone(integer(name, v)); break;
            case "originalZone": b.originalZone(integer(name, v)); break;
            case "replyZone": b.replyZone(integer(name, v)); break;
            case "sharedZone": b.sharedZone(integer(name, v)); break;
            case "mark":
                if (markMask == null) {
                    b.mark(number(name, v));
                } else {
                    b.mark(number(name, v), number("markMask", markMask));
                }
                break;
            case "markMask":
                if (!hasMark) {
                    throw new IllegalArgumentException("markMask: needs mark");
                }
                break; // applied with mark
            case "source": b.source(v); break;
            case "destination": b.destination(v); break;
            case "sourcePort": b.sourcePort(integer(name, v)); break;
            case "destinationPort": b.destinationPort(integer(name, v)); break;
            case "replySource": b.replySource(v); break;
            case "replyDestination": b.replyDestination(v); break;
            case "replySourcePort": b.replySourcePort(integer(name, v)); break;
            case "replyDestinationPort": b.replyDestinationPort(integer(name, v)); break;
            case "status": b.status(StatusFlag.parseList(v)); break;
            case "tcpState": b.tcpState(TcpState.parse(v)); break;
            case "labels": b.labels(labels(v)); break;
            case "secmark": b.secmark(number(name, v)); break;
            case "sourceNat": b.sourceNat(nat(name, v)); break;
            case "destinationNat": b.destinationNat(nat(name, v)); break;
            case "anyNat": b.anyNat(nat(name, v)); break;
            default: throw new IllegalStateException(name);
        }
    }

    /** An empty value selects NAT of any address, as the tool's {@code --src-nat} without an address. */
    private static NatTarget nat(String name, String v) {
        if (v == null || v.isBlank()) {
            return NatTarget.ANY;
        }
        if (v.startsWith("any:")) { // any address, this port (NatTarget#toString)
            return new NatTarget(null, integer(name, v.substring("any:".length())));
        }
        return NatTarget.parse(name, v);
    }

    private static Set<Integer> labels(String v) {
        Set<Integer> bits = new LinkedHashSet<>();
        for (String part : v.split(",", -1)) {
            bits.add(integer("labels", part));
        }
        return bits;
    }

    public static int integer(String name, String v) {
        return JsonFields.clampToInt(number(name, v));
    }

    /** Decimal, or hexadecimal after {@code 0x}; a leading zero is not octal (zone=010 is 10). */
    public static long number(String name, String v) {
        try {
            String t = v.trim();
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
        }
    }
}
