package io.jconntrack.api;

import java.io.Serializable;

/** Why one entry of a bulk request failed: the entry's tuple and zone, the errno name and the message. */
public record Failure(Tuple tuple, int zone, String errno, String message) implements Serializable {
    @Override
    public String toString() {
        return tuple + " zone=" + zone + ": " + errno + " " + message;
    }
}
