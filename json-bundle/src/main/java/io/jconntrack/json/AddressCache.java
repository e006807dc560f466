package io.jconntrack.json;

import io.jconntrack.api.Cidr;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Parsed addresses of one stream of entries, by their text: a table repeats its addresses (every entry's reply
 * names the original's two), and parsing a literal is most of the cost of reading an entry. Bounded: cleared when
 * full. Not thread-safe: one per stream.
 */
public final class AddressCache {
    static final int CAPACITY = 4096;

    private final Map<String, InetAddress> parsed = new HashMap<>();

    public AddressCache() {
    }

    /** As {@link Cidr#parseAddress}, which names {@code field} in errors. */
    InetAddress parse(String field, String text) {
        InetAddress a = parsed.get(text);
        if (a == null) {
            a = dottedQuad(text);
        }
        if (a == null) {
            a = Cidr.parseAddress(field, text);
            if (parsed.size() == CAPACITY) {
                parsed.clear();
            }
            parsed.put(text, a);
        }
        return a;
    }

    /**
     * A plain dotted-quad IPv4 address ({@code 0..255} four times, no leading zeros beyond {@code 0}, as the
     * agent writes them), or {@code null} for anything else, which {@link Cidr#parseAddress} then reads with its
     * checks: a table has as many distinct source addresses as entries, and the general parser was most of the
     * reading time.
     */
    static InetAddress dottedQuad(String text) {
        int length = text.length();
        if (length < 7 || length > 15) {
            return null;
        }
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // a leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 4) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
