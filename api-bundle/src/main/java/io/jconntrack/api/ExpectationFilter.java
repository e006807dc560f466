package io.jconntrack.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Selects expectations: every field given must match (AND); fields left unset match everything. The protocol and
 * the {@code expected*} fields refer to the expected tuple, the {@code master*} fields to the master's original
 * tuple. Build with {@link #builder()}; {@link #ALL} selects every expectation.
 *
 * @since 0.3
 */
public final class ExpectationFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final ExpectationFilter ALL = builder().build();

    private final AddressFamily family;
    private final Protocol protocol;
    private final Integer zone;
    private final String helper;
    private final Cidr expectedSource;
    private final Cidr expectedDestination;
    private final Integer expectedSourcePort;
    private final Integer expectedDestinationPort;
    private final Protocol masterProtocol;
    private final Cidr masterSource;
    private final Cidr masterDestination;
    private final Integer masterSourcePort;
    private final Integer masterDestinationPort;

    private ExpectationFilter(Builder b) {
        TupleMatch.checkPorts(b.protocol, TupleMatch.firstGiven("expectedSourcePort", b.expectedSourcePort,
                "expectedDestinationPort", b.expectedDestinationPort));
        TupleMatch.checkPorts(b.masterProtocol, TupleMatch.firstGiven("masterSourcePort", b.masterSourcePort,
                "masterDestinationPort", b.masterDestinationPort));
        this.family = TupleMatch.family(b.family, "expectedSource", b.expectedSource, "expectedDestination",
                b.expectedDestination, "masterSource", b.masterSource, "masterDestination", b.masterDestination);
        this.protocol = b.protocol;
        this.zone = b.zone;
        this.helper = b.helper;
        this.expectedSource = b.expectedSource;
        this.expectedDestination = b.expectedDestination;
        this.expectedSourcePort = b.expectedSourcePort;
        this.expectedDestinationPort = b.expectedDestinationPort;
        this.masterProtocol = b.masterProtocol;
        this.masterSource = b.masterSource;
        this.masterDestination = b.masterDestination;
        this.masterSourcePort = b.masterSourcePort;
        this.masterDestinationPort = b.masterDestinationPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the filter selects everything. */
    public boolean isEmpty() {
        return equals(ALL);
    }

    public boolean matches(Expectation x) {
        return (family == null || x.family() == family)
                && (protocol == null || x.expected().protocol().number() == protocol.number())
                && (zone == null || x.zone() == zone)
                && (helper == null || helper.equals(x.helper()))
                && TupleMatch.matches(x.expected(), expectedSource, expectedDestination, expectedSourcePort,
                        expectedDestinationPort)
                && (masterProtocol == null || x.master().protocol().number() == masterProtocol.number())
                && TupleMatch.matches(x.master(), masterSource, masterDestination, masterSourcePort,
                        masterDestinationPort);
    }

    public AddressFamily family() {
        return family;
    }

    /** The expected tuple's protocol, or null. */
    public Protocol protocol() {
        return protocol;
    }

    public Integer zone() {
        return zone;
    }

    public String helper() {
        return helper;
    }

    public Cidr expectedSource() {
        return expectedSource;
    }

    public Cidr expectedDestination() {
        return expectedDestination;
    }

    public Integer expectedSourcePort() {
        return expectedSourcePort;
    }

    public Integer expectedDestinationPort() {
        return expectedDestinationPort;
    }

    public Protocol masterProtocol() {
        return masterProtocol;
    }

    public Cidr masterSource() {
        return masterSource;
    }

    public Cidr masterDestination() {
        return masterDestination;
    }

    public Integer masterSourcePort() {
        return masterSourcePort;
    }

    public Integer masterDestinationPort() {
        return masterDestinationPort;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExpectationFilter)) {
            return false;
        }
        ExpectationFilter f = (ExpectationFilter) o;
        return family == f.family && Objects.equals(protocol, f.protocol) && Objects.equals(zone, f.zone)
                && Objects.equals(helper, f.helper) && Objects.equals(expectedSource, f.expectedSource)
                && Objects.equals(expectedDestination, f.expectedDestination)
                && Objects.equals(expectedSourcePort, f.expectedSourcePort)
                && Objects.equals(expectedDestinationPort, f.expectedDestinationPort)
                && Objects.equals(masterProtocol, f.masterProtocol) && Objects.equals(masterSource, f.masterSource)
                && Objects.equals(masterDestination, f.masterDestination)
                && Objects.equals(masterSourcePort, f.masterSourcePort)
                && Objects.equals(masterDestinationPort, f.masterDestinationPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, protocol, zone, helper, expectedSource, expectedDestination, masterSource,
                masterDestination);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ExpectationFilter[");
        append(b, "family", family == null ? null : family.label());
        append(b, "protocol", protocol);
        append(b, "zone", zone);
        append(b, "helper", helper);
        append(b, "expectedSource", expectedSource);
        append(b, "expectedDestination", expectedDestination);
        append(b, "expectedSourcePort", expectedSourcePort);
        append(b, "expectedDestinationPort", expectedDestinationPort);
        append(b, "masterProtocol", masterProtocol);
        append(b, "masterSource", masterSource);
        append(b, "masterDestination", masterDestination);
        append(b, "masterSourcePort", masterSourcePort);
        append(b, "masterDestinationPort", masterDestinationPort);
        return b.append(']').toString();
    }

    private static void append(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(b.charAt(b.length() - 1) == '[' ? "" : " ").append(name).append('=').append(value);
        }
    }

    /** Builds a filter; every setter validates its argument. */
    public static final class Builder {
        private AddressFamily family;
        private Protocol protocol;
        private Integer zone;
        private String helper;
        private Cidr expectedSource;
        private Cidr expectedDestination;
        private Integer expectedSourcePort;
        private Integer expectedDestinationPort;
        private Protocol masterProtocol;
        private Cidr masterSource;
        private Cidr masterDestination;
        private Integer masterSourcePort;
        private Integer masterDestinationPort;

        private Builder() {
        }

        public Builder family(AddressFamily family) {
            this.family = family;
            return this;
        }

        /** The expected tuple's protocol. */
        public Builder protocol(Protocol protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder zone(int zone) {
            this.zone = Limits.checkZone("zone", zone);
            return this;
        }

        public Builder helper(String helper) {
            this.helper = Limits.checkHelperName("helper", helper);
            return this;
        }

        public Builder expectedSource(String cidr) {
            this.expectedSource = Cidr.parse("expectedSource", cidr);
            return this;
        }

        public Builder expectedDestination(String cidr) {
            this.expectedDestination = Cidr.parse("expectedDestination", cidr);
            return this;
        }

        public Builder expectedSourcePort(int port) {
            this.expectedSourcePort = Limits.checkRange("expectedSourcePort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public Builder expectedDestinationPort(int port) {
            this.expectedDestinationPort = Limits.checkRange("expectedDestinationPort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public Builder masterProtocol(Protocol protocol) {
            this.masterProtocol = protocol;
            return this;
        }

        public Builder masterSource(String cidr) {
            this.masterSource = Cidr.parse("masterSource", cidr);
            return this;
        }

        public Builder masterDestination(String cidr) {
            this.masterDestination = Cidr.parse("masterDestination", cidr);
            return this;
        }

        public Builder masterSourcePort(int port) {
            this.masterSourcePort = Limits.checkRange("masterSourcePort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public Builder masterDestinationPort(int port) {
            this.masterDestinationPort = Limits.checkRange("masterDestinationPort", port, 0, Limits.MAX_PORT);
            return this;
        }

        public ExpectationFilter build() {
            return new ExpectationFilter(this);
        }
    }
}
