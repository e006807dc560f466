package io.jconntrack.shell.format;

import java.util.Locale;

/**
 * The {@code conntrack -o} modifiers of conntrack-tools 1.4.7 that change its text format, in the order the tool
 * tries them ({@code parse_array[PARSE_OUTPUT]} in {@code conntrack.c}; that order decides which one a prefix such
 * as {@code t} names). {@code xml} and {@code save} are whole formats, see {@link OutputFormat}.
 */
public enum OutputModifier {
    /** The family before the protocol: {@code ipv4     2 tcp      6 ...}. */
    EXTENDED,
    /** Events only: each line starts with the time it was printed, {@code [seconds.microseconds]} and a tab. */
    TIMESTAMP,
    /** {@code id=N}, the kernel's id of the entry, at the end of the line. */
    ID,
    /** {@code [start=...]} and {@code [stop=...]} (ctime) after {@code delta-time=} when timestamps are on. */
    KTIMESTAMP,
    /** {@code labels=a,b} with the names of {@code /etc/xtables/connlabel.conf}. */
    LABELS,
    /** Accepted and without effect, as in the tool (its bit is 0): events from user space are always marked. */
    USERSPACE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
