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
        return new EventDelivery<>() {
            @Override
            public ConntrackEvent decode(EventType type, String data) {
                return EventJson.read(type, data);
            }

            @Override
            public void deliver(ConntrackEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void overflow(long overflows) {
                listener.onOverflow(overflows);
            }

            @Override
            public void error(ConntrackException error) {
                listener.onError(error);
            }
        };
    }

    static EventDelivery<ExpectationEvent> of(ExpectationListener listener) {
        return new EventDelivery<>() {
            @Override
            public ExpectationEvent decode(EventType type, String data) {
                return ExpectationJson.readEvent(type, data);
            }

            @Override
            public void deliver(ExpectationEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void overflow(long overflows) {
                listener.onOverflow(overflows);
            }

            @Override
            public void error(ConntrackException error) {
                listener.onError(error);
            }
        };
    }
}
