package io.jconntrack.api;

import org.osgi.annotation.versioning.ConsumerType;

/** An {@link EventListener} of entry events, as {@link ConntrackService#subscribe} takes it. */
@ConsumerType
public interface ConntrackListener extends EventListener<ConntrackEvent> {

    // Declared again so that code compiled against 0.4 still links (javac adds the bridge to onEvent(Object)).
    @Override
    void onEvent(ConntrackEvent event);
}
