package io.jconntrack.api;

import java.io.Serializable;

/**
 * The part of a security-group rule that selects conntrack state, as Neutron passes it: direction, ethertype,
 * protocol (null: any), destination port range (null: any; for ICMP the range is ignored, as Neutron does) and
 * remote prefix (null: any).
 */
public record SecurityGroupRule(Direction direction, AddressFamily ethertype, Protocol protocol, Integer portMin,
                                Integer portMax, Cidr remote) implements Serializable {
    public SecurityGroupRule {
        Limits.checkNotNull("direction", direction);
        Limits.checkNotNull("ethertype", ethertype);
        if (portMin != null || portMax != null) {
            if (protocol == null) {
                throw new IllegalArgumentException("portMin: a port range needs a protocol");
            }
            int min = portMin == null ? 0 : Limits.checkRange("portMin", portMin, 0, Limits.MAX_PORT);
            int max = portMax == null ? Limits.MAX_PORT : Limits.checkRange("portMax", portMax, 0, Limits.MAX_PORT);
            if (min > max) {
                throw new IllegalArgumentException("portMin: " + min + " is above portMax " + max);
            }
        }
        if (remote != null && remote.family() != ethertype) {
            throw new IllegalArgumentException("remote: " + remote + " is not of ethertype " + ethertype.label());
        }
    }

    /** True when the rule narrows destination ports (protocols with ports only). */
    public boolean hasPortRange() {
        return protocol != null && protocol.hasPorts() && (portMin != null || portMax != null);
    }

    public int firstPort() {
        return portMin == null ? 0 : portMin;
    }

    public int lastPort() {
        return portMax == null ? Limits.MAX_PORT : portMax;
    }
}
