package io.jconntrack.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An {@link EventListener} of expectation events, as {@link ExpectationService#subscribe} takes it.
 *
 * @since 0.3
 */
@ConsumerType
public interface ExpectationListener extends EventListener<ExpectationEvent> {

    // Declared again so that code compiled against 0.4 still links (javac adds the bridge to onEvent(Object)).
    @Override
    void onEvent(ExpectationEvent event);
}
