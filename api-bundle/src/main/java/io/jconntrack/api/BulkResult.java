package io.jconntrack.api;

import java.io.Serializable;
import java.util.List;

/** Outcome of a bulk create or update: how many entries succeeded, and each failure. */
public record BulkResult(long succeeded, List<Failure> failures) implements Serializable {
    public BulkResult {
        failures = List.copyOf(failures);
    }

    public long failed() {
        return failures.size();
    }

    public boolean isComplete() {
        return failures.isEmpty();
    }
}
