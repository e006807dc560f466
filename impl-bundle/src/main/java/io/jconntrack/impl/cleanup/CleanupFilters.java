package io.jconntrack.impl.cleanup;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Device;
import io.jconntrack.api.Direction;
import io.jconntrack.api.SecurityGroupRule;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns Neutron's cleanup requests into conntrack filters, one per device address (and remote), as Neutron's
 * {@code IpConntrackManager} builds one {@code conntrack -D} command line each — but as values, never as a command.
 */
final class CleanupFilters {
    private CleanupFilters() {
    }

    /**
     * Filters for a rule: ingress selects entries to the device address (from the remote), egress entries from it
     * (to the remote). A single port is part of the filter; a wider range is checked by {@link #inPortRange}.
     */
    static List<ConntrackFilter> forRule(SecurityGroupRule rule, Device device) {
        List<ConntrackFilter> out = new ArrayList<>();
        for (InetAddress address : device.addresses()) {
            if (AddressFamily.of(address) != rule.ethertype()) {
                continue;
            }
            ConntrackFilter.Builder b = ConntrackFilter.builder().zone(device.zone()).family(rule.ethertype());
            if (rule.protocol() != null) {
                b.protocol(rule.protocol());
            }
            Cidr self = Cidr.host(address);
            if (rule.direction() == Direction.INGRESS) {
                b.destination(self);
                if (rule.remote() != null) {
                    b.source(rule.remote());
                }
            } else {
                b.source(self);
                if (rule.remote() != null) {
                    b.destination(rule.remote());
                }
            }
            if (rule.hasPortRange() && rule.firstPort() == rule.lastPort()) {
                b.destinationPort(rule.firstPort());
            }
            out.add(b.build());
        }
        return out;
    }

    /** Filters for the state between a device and remote addresses: both directions, optionally one mark. */
    static List<ConntrackFilter> forRemotes(Device device, Collection<InetAddress> remotes, Long mark) {
        List<ConntrackFilter> out = new ArrayList<>();
        for (InetAddress address : device.addresses()) {
            for (InetAddress remote : remotes) {
                if (AddressFamily.of(remote) != AddressFamily.of(address)) {
                    continue;
                }
                for (boolean ingress : new boolean[] {true, false}) {
                    ConntrackFilter.Builder b = ConntrackFilter.builder().zone(device.zone())
                            .source(Cidr.host(ingress ? remote : address))
                            .destination(Cidr.host(ingress ? address : remote));
                    if (mark != null) {
                        b.mark(mark);
                    }
                    out.add(b.build());
                }
            }
        }
        return out;
    }

    /** Whether a rule's port range needs checking in Java (more than one port). */
    static boolean needsPortRangeCheck(SecurityGroupRule rule) {
        return rule.hasPortRange() && rule.firstPort() != rule.lastPort();
    }

    static boolean inPortRange(SecurityGroupRule rule, int port) {
        return port >= rule.firstPort() && port <= rule.lastPort();
    }
}
