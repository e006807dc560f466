package io.jconntrack.api;

/** DCCP tracking states, {@code enum ct_dccp_states} in {@code linux/netfilter/nf_conntrack_dccp.h}. */
public enum DccpState {
    NONE, REQUEST, RESPOND, PARTOPEN, OPEN, CLOSEREQ, CLOSING, TIMEWAIT, IGNORE, INVALID;

    public int number() {
        return ordinal();
    }

    public static DccpState fromNumber(int number) {
        return number >= 0 && number < values().length ? values()[number] : null;
    }
}
