package io.jconntrack.api;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address prefix such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is a host prefix. */
public record Cidr(InetAddress address, int prefixLength) implements Serializable {

    public Cidr {
        Limits.checkNotNull("address", address);
        AddressFamily family = AddressFamily.of(address);
        Limits.checkRange("prefixLength", prefixLength, 0, family.maxPrefixLength());
        address = network(address, prefixLength);
    }

    /** A prefix covering exactly one address. */
    public static Cidr host(InetAddress address) {
        return new Cidr(address, AddressFamily.of(address).maxPrefixLength());
    }

    /**
     * Parses {@code ADDR} or {@code ADDR/LEN}. Only numeric addresses are accepted: a host name would make the
     * result depend on DNS.
     */
    public static Cidr parse(String field, String text) {
        Limits.checkNotNull(field, text);
        String t = text.trim();
        int slash = t.indexOf('/');
        String addressText = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = parseAddress(field, addressText);
        if (slash < 0) {
            return host(address);
        }
        String lengthText = t.substring(slash + 1);
        int max = AddressFamily.of(address).maxPrefixLength();
        int length;
        try {
            length = Integer.parseInt(lengthText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": prefix length '" + lengthText + "' in '" + text
                    + "' is not a number 0.." + max);
        }
        if (length < 0 || length > max) {
            throw new IllegalArgumentException(field + ": prefix length " + length + " in '" + text
                    + "' is out of range 0.." + max);
        }
        return new Cidr(address, length);
    }

    /** Parses a numeric IPv4 or IPv6 address, never a host name. */
    public static InetAddress parseAddress(String field, String text) {
        Limits.checkNotNull(field, text);
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!looksNumeric(t)) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a numeric IPv4 or IPv6 address");
        }
        try {
            // A literal never triggers a name lookup.
            return InetAddress.getByName(t);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a numeric IPv4 or IPv6 address");
        }
    }

    private static boolean looksNumeric(String t) {
        if (t.isEmpty()) {
            return false;
        }
        if (t.indexOf(':') >= 0) {
            return t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** True when this prefix is a single address. */
    public boolean isHost() {
        return prefixLength == family().maxPrefixLength();
    }

    public boolean contains(InetAddress candidate) {
        if (candidate == null || AddressFamily.of(candidate) != family()) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] c = candidate.getAddress();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != c[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (c[full] & mask);
    }

    private static InetAddress network(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: length is 4 or 16
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
