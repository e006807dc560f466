package io.jconntrack.shell.options;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import java.net.InetAddress;
import java.util.Set;

/**
 * Parses option strings. Options are declared as {@code String} so that a bad value is reported here, naming the
 * option and the value, rather than by the shell's generic conversion error. Every message starts with the option.
 */
public final class OptionValues {
    public static final long MAX_U16 = 0xFFFF;
    public static final long MAX_U32 = 0xFFFF_FFFFL;

    private OptionValues() {
    }

    /**
     * A number within min..max, written as the tool reads every number ({@code strtoul} base 0: decimal, {@code 0x}
     * hex, leading-0 octal), so that {@code -w 0x10} and {@code -w 010} mean the same in every command.
     */
    public static long number(String option, String text, long min, long max) {
        return CNumbers.range(option, text.trim(), min, max);
    }

    /** A number within 0..max (marks, masks, GRE keys), as {@link #number}. */
    public static long decimalOrHex(String option, String text, long max) {
        return number(option, text, 0, max);
    }

    /** {@code MARK} or {@code MARK/MASK}; returns {mark, mask}, the mask all ones when absent. */
    public static long[] mark(String option, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new long[] {decimalOrHex(option, text, MAX_U32), MAX_U32};
        }
        return new long[] {decimalOrHex(option, text.substring(0, slash), MAX_U32),
            decimalOrHex(option, text.substring(slash + 1), MAX_U32)};
    }

    public static int zone(String option, String text) {
        return (int) number(option, text, 0, MAX_U16);
    }

    public static int port(String option, String text) {
        return (int) number(option, text, 0, MAX_U16);
    }

    public static Protocol protocol(String option, String text) {
        try {
            return Protocol.parse(text);
        } catch (IllegalArgumentException e) {
            throw renamed(option, e);
        }
    }

    public static AddressFamily family(String option, String text) {
        try {
            return AddressFamily.parse(text);
        } catch (IllegalArgumentException e) {
            throw renamed(option, e);
        }
    }

    public static Cidr cidr(String option, String text) {
        return Cidr.parse(option, text);
    }

    public static InetAddress address(String option, String text) {
        if (text.indexOf('/') >= 0) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be one address, not a prefix");
        }
        return Cidr.parseAddress(option, text);
    }

    public static TcpState tcpState(String option, String text) {
        try {
            return TcpState.parse(text);
        } catch (IllegalArgumentException e) {
            throw renamed(option, e);
        }
    }

    public static Set<StatusFlag> status(String option, String text) {
        try {
            return StatusFlag.parseList(text);
        } catch (IllegalArgumentException e) {
            throw renamed(option, e);
        }
    }

    /**
     * The API names its fields ({@code "protocol: ..."}); on the console the option is the better name. Replaces
     * the message's leading {@code field:} with the option.
     */
    public static IllegalArgumentException renamed(String option, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        String rest = colon > 0 && m.substring(0, colon).indexOf(' ') < 0 ? m.substring(colon + 2) : m;
        return new IllegalArgumentException(option + ": " + rest, e);
    }
}
