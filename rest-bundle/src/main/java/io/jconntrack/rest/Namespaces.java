package io.jconntrack.rest;

import io.jconntrack.api.ConntrackService;

/** The service of the {@code netns} query parameter: the configured default namespace when it is absent or empty. */
final class Namespaces {
    static final String NETNS = "netns";

    private final ConntrackService root;

    Namespaces(ConntrackService root) {
        this.root = root;
    }

    ConntrackService in(String netns) {
        return netns == null || netns.isEmpty() ? root : root.inNamespace(netns);
    }

    /**
     * As {@link #in}, and reaches the namespace once (one statistics request), so that a missing namespace is a
     * 404 before a stream's status line is sent rather than an error line inside a 200.
     */
    ConntrackService reached(String netns) {
        ConntrackService ct = in(netns);
        if (ct != root) {
            ct.statistics();
        }
        return ct;
    }
}
