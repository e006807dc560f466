package io.jconntrack.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** Layer-3 family of an entry; the numbers are the kernel's {@code AF_INET} and {@code AF_INET6}. */
public enum AddressFamily {
    IPV4(2, "ipv4", 4),
    IPV6(10, "ipv6", 16);

    private final int number;
    private final String label;
    private final int addressLength;

    AddressFamily(int number, String label, int addressLength) {
        this.number = number;
        this.label = label;
        this.addressLength = addressLength;
    }

    /** The kernel's {@code AF_*} number. */
    public int number() {
        return number;
    }

    /** Address length in bytes. */
    public int addressLength() {
        return addressLength;
    }

    /** Longest prefix a CIDR of this family may have. */
    public int maxPrefixLength() {
        return addressLength * 8;
    }

    /** Name as {@code conntrack -f} and {@code conntrack -L -o extended} spell it. */
    public String label() {
        return label;
    }

    public static AddressFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4;
        }
        if (address instanceof Inet6Address) {
            return IPV6;
        }
        throw new IllegalArgumentException("address: unsupported address type " + address);
    }

    /** Returns the family with this {@code AF_*} number, or {@code null} when it is neither IPv4 nor IPv6. */
    public static AddressFamily fromNumber(int number) {
        for (AddressFamily f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        return null;
    }

    /** Parses {@code ipv4}, {@code ipv6}, {@code inet}, {@code inet6} (case-insensitive). */
    public static AddressFamily parse(String text) {
        String t = Limits.checkNotNull("family", text).trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "ipv4":
            case "inet":
            case "4":
                return IPV4;
            case "ipv6":
            case "inet6":
            case "6":
                return IPV6;
            default:
                throw new IllegalArgumentException("family: '" + text + "' is not one of ipv4, ipv6");
        }
    }
}
