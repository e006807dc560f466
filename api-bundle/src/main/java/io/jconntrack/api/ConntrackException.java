package io.jconntrack.api;

/**
 * A failure reported by the kernel or the netlink transport. Carries the operation, the errno (number, name and
 * text), the kernel's extended-ack message when it sent one, the namespace, and the entry concerned. Built by name:
 * {@link #kernel}, {@link #failed} or {@link #partial}, then the fields that apply, e.g.
 * {@code ConntrackException.kernel("get", 2, ENOENT, "No such file or directory").namespace("blue").build()}.
 */
public class ConntrackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** errno value used when the failure did not come with one (e.g. a malformed message). */
    public static final int NO_ERRNO = 0;

    // errno names as errnoName() and Failure.errno() give them (asm-generic/errno-base.h).
    /** @since 0.5 */
    public static final String EPERM = "EPERM";
    /** @since 0.5 */
    public static final String ENOENT = "ENOENT";
    /** @since 0.5 */
    public static final String EINTR = "EINTR";
    /** @since 0.5 */
    public static final String EACCES = "EACCES";
    /** @since 0.5 */
    public static final String EBUSY = "EBUSY";
    /** @since 0.5 */
    public static final String EEXIST = "EEXIST";

    private final String operation;
    private final int errno;
    private final String errnoName;
    private final String errnoText;
    private final String kernelMessage;
    private final String namespace;
    private final Tuple tuple;
    private final String node;

    public ConntrackException(String operation, int errno, String errnoName, String errnoText, String kernelMessage,
                              String namespace, Tuple tuple, Throwable cause) {
        this(operation, errno, errnoName, errnoText, kernelMessage, namespace, tuple, null, cause);
    }

    /**
     * A failure on a remote node: {@code node} names it (in the message too), {@code null} for the local kernel.
     *
     * @since 0.3
     */
    public ConntrackException(String operation, int errno, String errnoName, String errnoText, String kernelMessage,
                              String namespace, Tuple tuple, String node, Throwable cause) {
        super(compose(operation, errnoName, errnoText, kernelMessage, namespace, tuple, node), cause);
        this.operation = operation;
        this.errno = errno;
        this.errnoName = errnoName;
        this.errnoText = errnoText;
        this.kernelMessage = kernelMessage;
        this.namespace = namespace;
        this.tuple = tuple;
        this.node = node;
    }

    /** A failure without an errno, such as a malformed kernel message. */
    public ConntrackException(String operation, String detail, String namespace) {
        this(operation, NO_ERRNO, null, detail, null, namespace, null, null);
    }

    /**
     * A failure with an errno: the kernel's (or a call's) number, its name such as {@link #ENOENT} and its text.
     *
     * @since 0.5
     */
    public static Builder kernel(String operation, int errno, String errnoName, String errnoText) {
        return new Builder(operation, errno, errnoName, errnoText);
    }

    /**
     * A failure without an errno, told by {@code detail} (a malformed message, a closed service).
     *
     * @since 0.5
     */
    public static Builder failed(String operation, String detail) {
        return new Builder(operation, NO_ERRNO, null, detail);
    }

    /**
     * Bulk work that failed for some values, told by the first one's errno name, message and entry.
     *
     * @since 0.5
     */
    public static Builder partial(String operation, Failure first) {
        return new Builder(operation, NO_ERRNO, first.errno(), first.message()).tuple(first.tuple());
    }

    /**
     * The fields of a failure besides its operation and errno, each named; all optional.
     *
     * @since 0.5
     */
    public static final class Builder {
        private final String operation;
        private final int errno;
        private final String errnoName;
        private final String errnoText;
        private String kernelMessage;
        private String namespace;
        private Tuple tuple;
        private String node;
        private Throwable cause;

        private Builder(String operation, int errno, String errnoName, String errnoText) {
            this.operation = operation;
            this.errno = errno;
            this.errnoName = errnoName;
            this.errnoText = errnoText;
        }

        /** The kernel's extended-ack message. */
        public Builder kernelMessage(String message) {
            this.kernelMessage = message;
            return this;
        }

        /** The network namespace, {@code null} for the service's default one. */
        public Builder namespace(String name) {
            this.namespace = name;
            return this;
        }

        /** The entry concerned. */
        public Builder tuple(Tuple t) {
            this.tuple = t;
            return this;
        }

        /** The remote node where it failed. */
        public Builder node(String name) {
            this.node = name;
            return this;
        }

        public Builder cause(Throwable t) {
            this.cause = t;
            return this;
        }

        public ConntrackException build() {
            return new ConntrackException(operation, errno, errnoName, errnoText, kernelMessage, namespace, tuple,
                    node, cause);
        }
    }

    private static String compose(String operation, String errnoName, String errnoText, String kernelMessage,
                                  String namespace, Tuple tuple, String node) {
        StringBuilder b = new StringBuilder();
        b.append(operation).append(" failed");
        if (node != null) {
            b.append(" on node '").append(node).append('\'');
        }
        if (namespace != null) {
            b.append(" in network namespace '").append(namespace).append('\'');
        }
        b.append(": ");
        if (errnoName != null) {
            b.append(errnoName).append(" (").append(errnoText).append(')');
        } else {
            b.append(errnoText);
        }
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            b.append(": kernel says \"").append(kernelMessage).append('"');
        }
        if (tuple != null) {
            b.append(" [entry ").append(tuple).append(']');
        }
        // A failure that already names the capability it lacks (setns without CAP_SYS_ADMIN) keeps that one.
        if (EPERM.equals(errnoName) && (errnoText == null || !errnoText.contains("CAP_"))) {
            b.append(" - CAP_NET_ADMIN is required (run as root or grant the capability)");
        }
        return b.toString();
    }

    /** What was being done, e.g. {@code "delete"} or {@code "dump"}. */
    public String operation() {
        return operation;
    }

    /** The errno, or {@link #NO_ERRNO}. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name such as {@code ENOENT}, or {@code null}. */
    public String errnoName() {
        return errnoName;
    }

    public String errnoText() {
        return errnoText;
    }

    /** The extended-ack message of the kernel, or {@code null}. */
    public String kernelMessage() {
        return kernelMessage;
    }

    /** The network namespace name or path, {@code null} for the service's default namespace. */
    public String namespace() {
        return namespace;
    }

    /** The entry concerned, or {@code null}. */
    public Tuple tuple() {
        return tuple;
    }

    /**
     * The remote node where it failed, {@code null} for the local kernel.
     *
     * @since 0.3
     */
    public String node() {
        return node;
    }

    public boolean isPermissionDenied() {
        return EPERM.equals(errnoName) || EACCES.equals(errnoName);
    }
}
