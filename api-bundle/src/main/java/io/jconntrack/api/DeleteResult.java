package io.jconntrack.api;

import java.io.Serializable;
import java.util.List;

/**
 * Outcome of deleting given entries: deleted, already gone (not an error: the kernel may have expired them, or the
 * tuple now belongs to a newer connection with another id), and failed with their reasons.
 */
public record DeleteResult(long deleted, long alreadyGone, List<Failure> failures) implements Serializable {
    public DeleteResult {
        failures = List.copyOf(failures);
    }

    public long failed() {
        return failures.size();
    }

    public boolean isComplete() {
        return failures.isEmpty();
    }
}
