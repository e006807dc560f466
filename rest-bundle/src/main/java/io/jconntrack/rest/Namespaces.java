package io.jconntrack.rest;

import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Limits;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The service of the {@code netns} query parameter: the configured default namespace when it is absent or empty.
 * What a client may name is decided here: names of {@code /var/run/netns} (as {@code ip netns} makes them) always,
 * paths only when they match one of the configured {@code allowedNamespacePaths} patterns. A path names any file of
 * the node, and the agent's user may reach namespaces (a container's, the host's own) that its clients should not.
 */
final class Namespaces {
    static final String NETNS = "netns";
    static final String SETTING = "allowedNamespacePaths";

    private final ConntrackService root;
    private final List<PathMatcher> allowed = new ArrayList<>();
    private final List<String> patterns;

    Namespaces(ConntrackService root, String... allowedPaths) {
        this.root = root;
        List<String> kept = new ArrayList<>();
        // One comma-separated value as a .cfg file gives it, or several as a .config file does.
        for (String pattern : String.join(",", allowedPaths).split(",")) {
            String p = pattern.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException(SETTING + ": '" + p + "' is not an absolute path pattern");
            }
            allowed.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            kept.add(p);
        }
        this.patterns = List.copyOf(kept);
    }

    ConntrackService in(String netns) {
        if (netns == null || netns.isEmpty()) {
            return root;
        }
        Limits.checkNetns(netns);
        if (netns.startsWith("/")) {
            Path path = Paths.get(netns).normalize();
            if (allowed.stream().noneMatch(m -> m.matches(path))) {
                throw new IllegalArgumentException(NETNS + ": '" + netns + "' is a path, and this agent accepts "
                        + (patterns.isEmpty() ? "only names of /var/run/netns (" + SETTING + " is empty)"
                        : "names of /var/run/netns and paths matching " + patterns + " (" + SETTING + ")"));
            }
            return root.inNamespace(path.toString()); // the path that was checked, not a spelling of it
        }
        return root.inNamespace(netns);
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
