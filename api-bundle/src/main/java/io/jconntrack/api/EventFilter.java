package io.jconntrack.api;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Which events a subscription receives: the event types and the same selection as {@link ConntrackFilter}. */
public record EventFilter(Set<EventType> types, ConntrackFilter selection) implements Serializable {

    /** Every event of every entry. */
    public static final EventFilter ALL = new EventFilter(EnumSet.allOf(EventType.class), ConntrackFilter.ALL);

    public EventFilter {
        Limits.checkNotNull("types", types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types: at least one of NEW, UPDATE, DESTROY is required");
        }
        types = Set.copyOf(types);
        Limits.checkNotNull("selection", selection);
    }

    public static EventFilter of(Collection<EventType> types, ConntrackFilter selection) {
        return new EventFilter(Set.copyOf(types), selection);
    }

    public static EventFilter of(ConntrackFilter selection, EventType... types) {
        return new EventFilter(types.length == 0 ? EnumSet.allOf(EventType.class) : Set.of(types), selection);
    }

    public boolean matches(ConntrackEvent event) {
        return types.contains(event.type()) && selection.matches(event.entry());
    }
}
