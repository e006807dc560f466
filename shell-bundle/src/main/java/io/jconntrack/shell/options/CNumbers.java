package io.jconntrack.shell.options;

/** Unsigned numbers written as C's {@code strtoul(s, &end, 0)} reads them, but whole words only. */
final class CNumbers {
    /** Longer numbers cannot be below 2^32 and are refused before parsing. */
    private static final int MAX_DIGITS = 24;

    private CNumbers() {
    }

    /** Decimal, {@code 0x}/{@code 0X} hexadecimal or leading-0 octal; null when the word is not such a number. */
    static Long parse(String text) {
        String t = text;
        if (t.isEmpty() || t.length() > MAX_DIGITS) {
            return null;
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0) {
                return null;
            }
        }
        try {
            return Long.parseLong(t, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number within min..max, or an error naming the option. */
    static long range(String option, String text, long min, long max) {
        Long v = text == null ? null : parse(text);
        if (v == null || v < min || v > max) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a number " + min + ".." + max);
        }
        return v;
    }
}
