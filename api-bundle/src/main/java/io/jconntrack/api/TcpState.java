package io.jconntrack.api;

import java.util.Locale;

/** TCP tracking states, {@code enum tcp_conntrack} in {@code linux/netfilter/nf_conntrack_tcp.h}. */
public enum TcpState {
    NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE,
    /** {@code TCP_CONNTRACK_SYN_SENT2}, formerly {@code LISTEN}. */
    SYN_SENT2;

    /** The kernel's number ({@code TCP_CONNTRACK_*}). */
    public int number() {
        return ordinal();
    }

    /** Returns the state with that number, or {@code null} for numbers the kernel does not report. */
    public static TcpState fromNumber(int number) {
        return number >= 0 && number < values().length ? values()[number] : null;
    }

    public static TcpState parse(String text) {
        String t = Limits.checkNotNull("state", text).trim().toUpperCase(Locale.ROOT);
        for (TcpState s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        if ("LISTEN".equals(t)) {
            return SYN_SENT2;
        }
        throw new IllegalArgumentException("state: '" + text + "' is not a TCP state; known: "
                + java.util.Arrays.toString(values()));
    }
}
