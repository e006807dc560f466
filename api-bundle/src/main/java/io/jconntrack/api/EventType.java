package io.jconntrack.api;

/** Kinds of conntrack events, one netlink multicast group each ({@code NFNLGRP_CONNTRACK_*}). */
public enum EventType {
    NEW, UPDATE, DESTROY;

    /** Parses {@code new}, {@code update}, {@code destroy} (case-insensitive). */
    public static EventType parse(String text) {
        String t = Limits.checkNotNull("event", text).trim().toUpperCase(java.util.Locale.ROOT);
        for (EventType e : values()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("event: '" + text + "' is not one of new, update, destroy");
    }
}
