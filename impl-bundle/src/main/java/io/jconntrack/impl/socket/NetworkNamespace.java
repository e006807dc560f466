package io.jconntrack.impl.socket;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A network namespace named as {@code ip netns} names it ({@code /var/run/netns/NAME}) or given by the path of a
 * namespace file. The path is only a way to it: what it is ({@link NamespaceId}) is read from the file once opened
 * and checked ({@link #open}), and sockets are opened inside it through that descriptor.
 */
public final class NetworkNamespace {
    /** Where {@code ip netns add} bind-mounts namespaces. */
    public static final Path NETNS_RUN_DIR = Paths.get("/var/run/netns");

    /** What a process without {@link Capabilities#CAP_SYS_ADMIN} is told when {@code setns} refuses it. */
    public static final String SETNS_CAPABILITY = "CAP_SYS_ADMIN is required to enter another network namespace";

    private final String name;
    private final Path path;

    private NetworkNamespace(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /**
     * @param netns a name as made by {@code ip netns add} or an absolute path to a namespace file
     * @throws IllegalArgumentException for an empty or malformed name
     */
    public static NetworkNamespace of(String netns) {
        io.jconntrack.api.Limits.checkNetns(netns);
        if (netns.startsWith("/")) {
            // Not normalized: ".." after a symbolic link (/var/run is one) means what the kernel resolves, not what
            // the text suggests. Spellings do not matter anyway: a namespace is known by its identity.
            return new NetworkNamespace(netns, Paths.get(netns));
        }
        return new NetworkNamespace(netns, NETNS_RUN_DIR.resolve(netns));
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    /**
     * The identity of what the path names now, read without opening it (so it cannot block, and it may not be a
     * namespace): for noticing that a namespace known by its verified identity was deleted or replaced.
     *
     * @throws NetlinkIOException ENOENT when nothing is there
     */
    public NamespaceId identity() throws NetlinkIOException {
        try {
            return FileStatus.of(path.toString()).identity();
        } catch (LastErrorException e) {
            throw statFailure(path.toString(), e.getErrorCode());
        }
    }

    /**
     * Opens the namespace file and checks that it is a network namespace; the caller closes it.
     *
     * @throws NetlinkIOException ENOENT when the namespace does not exist
     * @throws IllegalArgumentException when the path names something else than a network namespace
     */
    public NamespaceFile open() throws NetlinkIOException {
        return NamespaceFile.open(this);
    }

    /** Opens a netlink socket inside this namespace. */
    public NetlinkSocket openSocket(int receiveBufferSize, int timeoutMillis) throws NetlinkIOException {
        return openSocket(null, receiveBufferSize, timeoutMillis);
    }

    /**
     * Opens a netlink socket inside this namespace, provided it still is the namespace {@code expected} (unless
     * {@code null}): sockets of a pool or subscription must all live in the namespace it was made for.
     *
     * @throws NetlinkIOException ENOENT when the namespace does not exist, or the path now names another one
     */
    public NetlinkSocket openSocket(NamespaceId expected, int receiveBufferSize, int timeoutMillis)
            throws NetlinkIOException {
        try (NamespaceFile file = open()) {
            if (expected != null && !expected.equals(file.identity())) {
                throw new NetlinkIOException("network namespace " + path + " (replaced meanwhile)", Errno.ENOENT);
            }
            return file.openSocket(receiveBufferSize, timeoutMillis);
        }
    }

    /** The value as given, with the path it stands for when it is a name: for messages. */
    String describe() {
        return path.toString().equals(name) ? "'" + name + "'" : "'" + name + "' (" + path + ")";
    }

    /** Whether the file lies in the directory where {@code ip netns} keeps its names, however the path spells it. */
    boolean isInRunDir() {
        Path parent = path.getParent();
        try {
            return parent != null && FileStatus.of(parent.toString()).identity()
                    .equals(FileStatus.of(NETNS_RUN_DIR.toString()).identity());
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** ENOENT, or ENOTDIR (a path through a file), both mean that the namespace does not exist. */
    static NetlinkIOException statFailure(String path, int errno) {
        if (errno == Errno.ENOENT || errno == Errno.ENOTDIR) {
            return new NetlinkIOException("network namespace " + path, Errno.ENOENT);
        }
        return new NetlinkIOException("stat " + path, errno);
    }

    @Override
    public String toString() {
        return name;
    }
}
