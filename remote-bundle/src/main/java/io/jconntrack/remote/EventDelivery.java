package io.jconntrack.remote;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.json.EventJson;
import io.jconntrack.json.ExpectationJson;

/**
 * What a remote subscription hands its events to: the decoding of one stream's event data and the listener of the
 * API it was opened through (entries or expectations).
 */
interface EventDelivery {

    /** Decodes and delivers one event; {@link IllegalArgumentException} when its data is not understood. */
    void event(EventType type, String data);

    void overflow(long overflows);

    void error(ConntrackException error);

    static EventDelivery of(ConntrackListener listener) {
        return new EventDelivery() {
            @Override
            public void event(EventType type, String data) {
                listener.onEvent(EventJson.read(type, data));
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

    static EventDelivery of(ExpectationListener listener) {
        return new EventDelivery() {
            @Override
            public void event(EventType type, String data) {
                listener.onEvent(ExpectationJson.readEvent(type, data));
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
