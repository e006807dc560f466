package io.jconntrack.api;

import java.io.Serializable;
import java.util.Locale;

/**
 * An IP protocol number (layer 4). Known protocols have a name as {@code conntrack -p} spells it; any number 0–255
 * is accepted because the kernel tracks every protocol (unknown ones by addresses only).
 */
public record Protocol(int number) implements Serializable {
    public static final Protocol ICMP = new Protocol(1);
    public static final Protocol TCP = new Protocol(6);
    public static final Protocol UDP = new Protocol(17);
    public static final Protocol DCCP = new Protocol(33);
    public static final Protocol GRE = new Protocol(47);
    public static final Protocol ICMPV6 = new Protocol(58);
    public static final Protocol SCTP = new Protocol(132);
    public static final Protocol UDPLITE = new Protocol(136);

    private static final Protocol[] NAMED = {ICMP, TCP, UDP, DCCP, GRE, ICMPV6, SCTP, UDPLITE};

    public Protocol {
        Limits.checkRange("protocol", number, 0, Limits.MAX_PROTOCOL);
    }

    public static Protocol of(int number) {
        for (Protocol p : NAMED) {
            if (p.number == number) {
                return p;
            }
        }
        return new Protocol(number);
    }

    /** Parses a name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code sctp}, {@code dccp},
     *  {@code udplite}, {@code gre}) or a number 0–255. */
    public static Protocol parse(String text) {
        String t = Limits.checkNotNull("protocol", text).trim().toLowerCase(Locale.ROOT);
        for (Protocol p : NAMED) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        if ("ipv6-icmp".equals(t)) {
            return ICMPV6;
        }
        try {
            return of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("protocol: '" + text
                    + "' is not a number 0-255 nor one of tcp, udp, icmp, icmpv6, sctp, dccp, udplite, gre");
        }
    }

    /** Name as {@code conntrack -L} prints it, {@code unknown} for protocols without one. */
    public String name() {
        switch (number) {
            case 1: return "icmp";
            case 6: return "tcp";
            case 17: return "udp";
            case 33: return "dccp";
            case 47: return "gre";
            case 58: return "icmpv6";
            case 132: return "sctp";
            case 136: return "udplite";
            default: return "unknown";
        }
    }

    /** True for the protocols whose tuples carry source and destination ports. */
    public boolean hasPorts() {
        return this.equals(TCP) || this.equals(UDP) || this.equals(UDPLITE) || this.equals(SCTP) || this.equals(DCCP);
    }

    /** True for ICMP and ICMPv6, whose tuples carry type, code and id. */
    public boolean isIcmp() {
        return this.equals(ICMP) || this.equals(ICMPV6);
    }

    @Override
    public String toString() {
        return "unknown".equals(name()) ? Integer.toString(number) : name();
    }
}
