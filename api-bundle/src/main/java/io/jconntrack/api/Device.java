package io.jconntrack.api;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.Set;

/** A port of a network: its fixed addresses and the conntrack zone of its network. */
public record Device(Set<InetAddress> addresses, int zone) implements Serializable {
    public Device {
        Limits.checkNotNull("addresses", addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: a device needs at least one address");
        }
        addresses = Set.copyOf(addresses);
        Limits.checkZone("zone", zone);
    }
}
