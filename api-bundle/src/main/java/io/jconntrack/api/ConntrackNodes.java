package io.jconntrack.api;

/**
 * Which node's table a {@link ConntrackService} reads: every registered service carries the service property
 * {@value #PROPERTY}, {@value #LOCAL} for the kernel of the container itself, the configured node name for a remote
 * node reached over its REST agent. Select one with an OSGi filter such as {@code (jconntrack.node=node1)}.
 *
 * @since 0.3
 */
public final class ConntrackNodes {
    /** The service property naming the node. */
    public static final String PROPERTY = "jconntrack.node";
    /** The node of the container's own kernel. */
    public static final String LOCAL = "local";
    /** A reference target selecting the local service. */
    public static final String LOCAL_TARGET = "(" + PROPERTY + "=" + LOCAL + ")";

    private ConntrackNodes() {
    }

    /** A filter selecting the service of the named node; the name is checked as node names are. */
    public static String target(String node) {
        return "(" + PROPERTY + "=" + checkName(node) + ")";
    }

    /**
     * A node name: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit
     * (so that it is safe in filters, file names and URLs); {@code all} is reserved for fanning out.
     */
    public static String checkName(String node) {
        Limits.checkNotNull("node", node);
        if (!node.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") || "all".equals(node)) {
            throw new IllegalArgumentException("node: '" + node + "' is not a node name (1..64 of A-Z a-z 0-9 . _ -,"
                    + " not 'all')");
        }
        return node;
    }
}
