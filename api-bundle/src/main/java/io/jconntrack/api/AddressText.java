package io.jconntrack.api;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as glibc's {@code inet_ntop} writes them (for IPv6 the RFC 5952 form): what {@code conntrack -L} prints,
 * the console shows and the REST JSON carries. Java's {@code Inet6Address.getHostAddress()} does not compress zero
 * groups, so IPv6 is written here.
 */
public final class AddressText {
    private AddressText() {
    }

    public static String of(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return dottedQuad(b, 0);
        }
        return ipv6(b);
    }

    /** The algorithm of glibc's {@code inet_ntop6}: longest run (first on a tie) of at least two zero groups. */
    static String ipv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) end in a dotted quad.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xFFFF))) {
                s.append(dottedQuad(b, 12));
                return s.toString();
            }
            s.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }

    private static String dottedQuad(byte[] b, int offset) {
        return (b[offset] & 0xFF) + "." + (b[offset + 1] & 0xFF) + "." + (b[offset + 2] & 0xFF) + "."
                + (b[offset + 3] & 0xFF);
    }
}
