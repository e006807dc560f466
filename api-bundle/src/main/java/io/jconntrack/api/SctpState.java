package io.jconntrack.api;

import java.util.Locale;

/** SCTP tracking states, {@code enum sctp_conntrack} in {@code linux/netfilter/nf_conntrack_sctp.h}. */
public enum SctpState {
    NONE, CLOSED, COOKIE_WAIT, COOKIE_ECHOED, ESTABLISHED, SHUTDOWN_SENT, SHUTDOWN_RECD, SHUTDOWN_ACK_SENT,
    HEARTBEAT_SENT, HEARTBEAT_ACKED;

    public int number() {
        return ordinal();
    }

    public static SctpState fromNumber(int number) {
        return number >= 0 && number < values().length ? values()[number] : null;
    }

    public static SctpState parse(String text) {
        String t = Limits.checkNotNull("state", text).trim().toUpperCase(Locale.ROOT);
        for (SctpState s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("state: '" + text + "' is not an SCTP state");
    }
}
