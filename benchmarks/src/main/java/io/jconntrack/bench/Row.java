package io.jconntrack.bench;

/**
 * One line of the result table.
 *
 * @param operation what was measured
 * @param entries entries the operation handled
 * @param ours seconds the service took, {@code null} when there is nothing to measure
 * @param cli seconds the {@code conntrack} CLI took for the same work, {@code null} where it cannot do it
 * @param note what the CLI ran, or why a cell is empty
 */
record Row(String operation, long entries, Double ours, Double cli, String note) {
    Double ratio() {
        return ours != null && cli != null && cli > 0 ? ours / cli : null;
    }

    Double entriesPerSecond() {
        return ours != null && ours > 0 ? entries / ours : null;
    }
}
