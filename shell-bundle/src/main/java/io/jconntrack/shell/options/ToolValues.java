package io.jconntrack.shell.options;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.Limits;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.StatusFlag;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Option values in the tool's syntax. Where the tool would silently wrap or truncate (ports, zones, timeouts read
 * with {@code atoi}/{@code strtoul}), the value is checked against its range instead and refused, naming the option.
 */
final class ToolValues {
    static final long MAX_U16 = 0xFFFF;
    static final long MAX_U32 = 0xFFFF_FFFFL;
    static final long MAX_U8 = 0xFF;
    /** Status names of {@code -u} in the tool's order ({@code parse_array[PARSE_STATUS]}); UNSET sets nothing. */
    private static final String[] STATUS_NAMES = {"ASSURED", "SEEN_REPLY", "UNSET", "FIXED_TIMEOUT", "EXPECTED",
        "OFFLOAD", "HW_OFFLOAD"};
    private static final StatusFlag[] STATUS_FLAGS = {StatusFlag.ASSURED, StatusFlag.SEEN_REPLY, null,
        StatusFlag.FIXED_TIMEOUT, StatusFlag.EXPECTED, StatusFlag.OFFLOAD, StatusFlag.HW_OFFLOAD};
    /** The tool ignores these in -u (with a warning): NAT is selected with --src-nat/--dst-nat. */
    private static final String[] IGNORED_STATUS = {"SRC_NAT", "DST_NAT"};
    private static final String UNREPLIED = "UNREPLIED";

    private ToolValues() {
    }

    /** An address, with {@code /LEN} where {@code prefixAllowed}; the tool refuses brackets outside NAT options. */
    static Cidr address(String option, String text, boolean prefixAllowed) {
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = plainAddress(option, a);
        if (slash < 0) {
            return Cidr.host(address);
        }
        if (!prefixAllowed) {
            throw new IllegalArgumentException(option + ": '" + text + "': CIDR notation unavailable for `"
                    + option + "'");
        }
        int max = AddressFamily.of(address).maxPrefixLength();
        Long len = CNumbers.parse(text.substring(slash + 1));
        if (len == null || len > max || !text.substring(slash + 1).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(option + ": '" + text + "': Invalid netmask (0.." + max + ")");
        }
        return new Cidr(address, len.intValue());
    }

    static InetAddress plainAddress(String option, String text) {
        if (text.isEmpty() || text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
            throw new IllegalArgumentException(option + ": Invalid IP address `" + text + "'");
        }
        try {
            return Cidr.parseAddress(option, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": Invalid IP address `" + text + "'");
        }
    }

    /** The prefix length a netmask such as {@code 255.255.255.0} stands for, or -1 when its bits have gaps. */
    static int prefixLength(InetAddress mask) {
        byte[] b = mask.getAddress();
        int len = 0;
        boolean ended = false;
        for (byte x : b) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = (x >> bit & 1) != 0;
                if (set && ended) {
                    return -1;
                }
                if (set) {
                    len++;
                } else {
                    ended = true;
                }
            }
        }
        return len;
    }

    /**
     * {@code IP}, {@code IP:PORT} or {@code [IPV6]:PORT}, split as the tool's {@code split_address_and_port}: a
     * bracket needs a port after it, and an unbracketed word with several colons is an IPv6 address.
     */
    static NatTarget nat(String option, String text) {
        String address = text;
        String port = null;
        int open = text.indexOf('[');
        if (open >= 0) {
            int close = text.indexOf(']', open + 1);
            if (close == open + 1) {
                throw new IllegalArgumentException(option + ": '" + text + "': No IPv6 address specified");
            }
            if (close < 0) {
                throw new IllegalArgumentException(option + ": '" + text + "': No closing ']' around IPv6 address");
            }
            int colon = text.indexOf(':', close);
            if (colon >= 0) {
                address = text.substring(open + 1, close);
                port = text.substring(colon + 1);
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
                address = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        Integer p = null;
        if (port != null) {
            if (port.isEmpty()) {
                throw new IllegalArgumentException(option + ": '" + text + "': No port specified after `:'");
            }
            if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || Long.parseLong(port) > MAX_U16) {
                throw new IllegalArgumentException(option + ": '" + text + "': Invalid port `" + port + "'");
            }
            p = Integer.valueOf(port);
        }
        return new NatTarget(plainAddress(option, address), p);
    }

    /** {@code MARK[/MASK]}; returns {value, mask}, the mask all ones when absent. */
    static long[] mark(String option, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new long[] {CNumbers.range(option, text, 0, MAX_U32), MAX_U32};
        }
        return new long[] {CNumbers.range(option, text.substring(0, slash), 0, MAX_U32),
            CNumbers.range(option, text.substring(slash + 1), 0, MAX_U32)};
    }

    static int zone(String option, String text) {
        return (int) CNumbers.range(option, text, 0, Limits.MAX_ZONE);
    }

    static int port(String option, String text) {
        return (int) CNumbers.range(option, text, 0, MAX_U16);
    }

    /** The flags of {@code -u}: those that must be set, and ({@code !FLAG}, {@code UNREPLIED}) must be clear. */
    record Status(Set<StatusFlag> set, Set<StatusFlag> clear) {
    }

    /** Parses {@code -u} as the tool: comma list, each word a case-insensitive prefix of a flag name. */
    static Status status(String option, String text) {
        Set<StatusFlag> set = EnumSet.noneOf(StatusFlag.class);
        Set<StatusFlag> clear = EnumSet.noneOf(StatusFlag.class);
        for (String word : text.split(",", -1)) {
            boolean negated = word.startsWith("!");
            String w = negated ? word.substring(1) : word;
            if (!negated && w.startsWith(UNREPLIED)) {
                clear.add(StatusFlag.SEEN_REPLY);
                continue;
            }
            if (w.isEmpty()) {
                throw new IllegalArgumentException(option + ": Bad parameter `" + word + "'");
            }
            if (isPrefixOfAny(w, IGNORED_STATUS)) {
                continue;
            }
            int i = prefixIndex(w, STATUS_NAMES);
            if (i < 0) {
                throw new IllegalArgumentException(option + ": Bad parameter `" + word + "' (one of "
                        + String.join(", ", STATUS_NAMES) + ")");
            }
            if (STATUS_FLAGS[i] != null) {
                (negated ? clear : set).add(STATUS_FLAGS[i]);
            }
        }
        return new Status(set, clear);
    }

    /** Index of the first name the word is a case-insensitive prefix of (the tool's {@code strncasecmp}). */
    static int prefixIndex(String word, String[] names) {
        String w = word.toUpperCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith(w)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPrefixOfAny(String word, String[] names) {
        return prefixIndex(word, names) >= 0;
    }
}
