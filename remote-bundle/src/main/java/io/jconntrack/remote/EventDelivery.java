package io.jconntrack.remote;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.json.EventJson;
import io.jconntrack.json.ExpectationJson;

/**
 * What a remote subscription hands its events to: the decoding of one stream's event data and the listener of the
 * API it was opened through (entries or expectations).
 */
interface EventDelivery<E> {

    /** One event's data; {@link IllegalArgumentException} when it is not understood. */
    E decode(EventType type, String data);

    /** Hands the event to the listener. */
    void deliver(E event);

    void overflow(long overflows);

    void error(ConntrackException error);

    static EventDelivery<ConntrackEvent> of(ConntrackListener listener) {
        return of(EventJson::read, listener::onEvent, listener::onOverflow, listener::onError);
    }

    static EventDelivery<ExpectationEvent> of(ExpectationListener listener) {
        return of(ExpectationJson::readEvent, listener::onEvent, listener::onOverflow, listener::onError);
    }

    private static <E> EventDelivery<E> of(java.util.function.BiFunction<EventType, String, E> decoder,
                                           java.util.function.Consumer<E> events,
                                           java.util.function.LongConsumer overflows,
                                           java.util.function.Consumer<ConntrackException> errors) {
        return new EventDelivery<>() {
            @Override
            public E decode(EventType type, String data) {
                return decoder.apply(type, data);
            }

            @Override
            public void deliver(E event) {
                events.accept(event);
            }

            @Override
            public void overflow(long n) {
                overflows.accept(n);
            }

            @Override
            public void error(ConntrackException error) {
                errors.accept(error);
            }
        };
    }
}
