package io.jconntrack.api;

import java.io.Serializable;

/**
 * One event: what happened and the entry as the kernel reported it (a DESTROY carries the final counters).
 *
 * @param originPortId the netlink port id of the program whose request caused the event, 0 when the kernel itself
 *     caused it (traffic, expiry); {@code conntrack -E -o userspace} marks the others {@code [USERSPACE]}
 */
public record ConntrackEvent(EventType type, ConntrackEntry entry, long originPortId) implements Serializable {
    public ConntrackEvent {
        Limits.checkNotNull("type", type);
        Limits.checkNotNull("entry", entry);
        Limits.checkRangeLong("originPortId", originPortId, 0, 0xFFFF_FFFFL);
    }

    /** An event the kernel caused itself. */
    public ConntrackEvent(EventType type, ConntrackEntry entry) {
        this(type, entry, 0);
    }

    /** Whether a program's request (not traffic or expiry) caused the event. */
    public boolean fromUserspace() {
        return originPortId != 0;
    }
}
