package io.jconntrack.remote;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.json.EventJson;
import java.util.function.BiFunction;

/**
 * What a remote subscription hands its events to: the decoding of one stream's event data ({@link
 * IllegalArgumentException} when it is not understood) and the listener it was opened with.
 */
record EventDelivery<E>(BiFunction<EventType, String, E> decoder, EventListener<? super E> listener) {

    static EventDelivery<ConntrackEvent> entries(EventListener<? super ConntrackEvent> listener) {
        return new EventDelivery<>(EventJson::read, listener);
    }

    static EventDelivery<ExpectationEvent> expectations(EventListener<? super ExpectationEvent> listener) {
        return new EventDelivery<>(EventJson::readExpectation, listener);
    }
}
