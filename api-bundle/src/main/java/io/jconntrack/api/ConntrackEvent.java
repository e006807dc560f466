package io.jconntrack.api;

import java.io.Serializable;

/** One event: what happened and the entry as the kernel reported it (a DESTROY carries the final counters). */
public record ConntrackEvent(EventType type, ConntrackEntry entry) implements Serializable {
    public ConntrackEvent {
        Limits.checkNotNull("type", type);
        Limits.checkNotNull("entry", entry);
    }
}
