package io.jconntrack.api;

/**
 * The address and port selection of one tuple, as both filters give it per direction ({@link ConntrackFilter}'s
 * original and reply tuples, {@link ExpectationFilter}'s expected and master tuples): checked when a filter is
 * built, matched when it selects. Unset fields ({@code null}) match every tuple.
 */
final class TupleMatch {
    private TupleMatch() {
    }

    static boolean matches(Tuple t, Cidr source, Cidr destination, Integer sourcePort, Integer destinationPort) {
        return (source == null || source.contains(t.source()))
                && (destination == null || destination.contains(t.destination()))
                && (sourcePort == null || t.sourcePort() == sourcePort)
                && (destinationPort == null || t.destinationPort() == destinationPort);
    }

    /**
     * Refuses a port selection without a protocol that has ports.
     *
     * @param field the first port field given, {@code null} when none is
     */
    static void checkPorts(Protocol protocol, String field) {
        if (field == null) {
            return;
        }
        if (protocol == null) {
            throw new IllegalArgumentException(field + ": a port filter needs a protocol with ports "
                    + "(tcp, udp, udplite, sctp, dccp)");
        }
        if (!protocol.hasPorts()) {
            throw new IllegalArgumentException(field + ": ports do not apply to protocol " + protocol);
        }
    }

    /** The first name whose value is given, {@code null} when none is: {@code name, value, name, value, ...}. */
    static String firstGiven(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                return (String) namesAndValues[i];
            }
        }
        return null;
    }

    /**
     * The family the addresses imply, refusing one of another family than {@code family} (given, or implied by an
     * earlier address).
     *
     * @param namesAndCidrs {@code name, cidr, name, cidr, ...}; unset cidrs are {@code null}
     */
    static AddressFamily family(AddressFamily family, Object... namesAndCidrs) {
        AddressFamily f = family;
        for (int i = 0; i < namesAndCidrs.length; i += 2) {
            Cidr c = (Cidr) namesAndCidrs[i + 1];
            if (c == null) {
                continue;
            }
            if (f != null && c.family() != f) {
                throw new IllegalArgumentException(namesAndCidrs[i] + ": " + c + " is not of family " + f.label());
            }
            f = c.family();
        }
        return f;
    }
}
