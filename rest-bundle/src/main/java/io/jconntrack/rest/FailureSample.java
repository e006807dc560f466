package io.jconntrack.rest;

import io.jconntrack.api.Failure;
import java.util.ArrayList;
import java.util.List;

/**
 * The failures of bulk work as an answer tells them: every one counted, the first {@code max} listed. A million
 * failed creates must not become a million objects and a gigabyte of answer.
 */
final class FailureSample {
    private final int max;
    private final List<Failure> listed = new ArrayList<>();
    private long count;

    FailureSample(int max) {
        this.max = max;
    }

    void add(Failure f) {
        count++;
        if (listed.size() < max) {
            listed.add(f);
        }
    }

    void addAll(List<Failure> failures) {
        failures.forEach(this::add);
    }

    long count() {
        return count;
    }

    List<Failure> listed() {
        return listed;
    }

    /** The first failure's errno (which sets the answer's status), {@code null} when none failed. */
    String firstErrno() {
        return listed.isEmpty() ? null : listed.get(0).errno();
    }
}
