package io.jconntrack.api;

import java.io.Serializable;
import java.net.InetAddress;

/**
 * A NAT address with an optional port, as the {@code conntrack} tool's {@code --src-nat}/{@code --dst-nat} take it
 * ({@code IP[:PORT]}, IPv6 as {@code [ADDR]:PORT}). To create an entry the address is required; in a filter either
 * part may be left out ({@code null}) to select any NAT of that kind.
 */
public record NatTarget(InetAddress address, Integer port) implements Serializable {
    /** Any address and port: selects every entry with that kind of NAT. */
    public static final NatTarget ANY = new NatTarget(null, null);

    public NatTarget {
        if (port != null) {
            Limits.checkRange("port", port, 0, Limits.MAX_PORT);
        }
    }

    /**
     * Parses {@code IP}, {@code IP:PORT}, {@code [IPV6]} or {@code [IPV6]:PORT}; {@code field} names the option in
     * errors.
     */
    public static NatTarget parse(String field, String text) {
        Limits.checkNotNull(field, text);
        String t = text.trim();
        String address;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(field + ": '" + text + "' has '[' without ']'");
            }
            address = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException(field + ": '" + text + "' is not [ADDRESS]:PORT");
                }
                port = rest.substring(1);
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            address = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        } else {
            address = t; // IPv4, or IPv6 without a port
        }
        InetAddress a = Cidr.parseAddress(field, address);
        if (t.startsWith("[") && AddressFamily.of(a) != AddressFamily.IPV6) {
            throw new IllegalArgumentException(field + ": '" + text + "': brackets are for IPv6 addresses only");
        }
        Integer p = null;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException(field + ": port '" + port + "' in '" + text
                        + "' is not a number 0.." + Limits.MAX_PORT);
            }
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": port '" + port + "' in '" + text
                        + "' is not a number 0.." + Limits.MAX_PORT);
            }
            if (p < 0 || p > Limits.MAX_PORT) {
                throw new IllegalArgumentException(field + ": port " + p + " in '" + text + "' is out of range 0.."
                        + Limits.MAX_PORT);
            }
        }
        return new NatTarget(a, p);
    }

    @Override
    public String toString() {
        if (address == null) {
            return port == null ? "any" : "any:" + port;
        }
        String a = AddressFamily.of(address) == AddressFamily.IPV6 && port != null
                ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return port == null ? a : a + ":" + port;
    }
}
