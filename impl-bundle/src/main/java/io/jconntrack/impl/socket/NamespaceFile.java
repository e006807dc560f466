package io.jconntrack.impl.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.jconntrack.impl.Threads;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A network namespace file, open and checked to be one: sockets are opened in the namespace with {@code setns} on
 * this very descriptor, so what was checked is what is entered (the path is not opened again). Close it as soon as
 * the sockets are open: it keeps the namespace alive.
 *
 * <p>A path given by a client may name anything. Before anything can block, the file must be a regular file
 * (nsfs files are): {@code open} of a FIFO waits for a writer, a device's open runs its driver. It is then opened
 * with {@code O_NONBLOCK} (should it have become a FIFO meanwhile, open returns at once) and must be on nsfs
 * ({@code fstatfs}) before {@code NS_GET_NSTYPE} is asked: an unknown ioctl request means something else to other
 * files.
 */
public final class NamespaceFile implements AutoCloseable {
    /** {@code sizeof(struct statfs)} is 120 on x86_64 and aarch64; {@code f_type}, a {@code long}, comes first. */
    private static final int STATFS_SIZE = 256;

    private final NetworkNamespace namespace;
    private final int fd;
    private final NamespaceId identity;
    private boolean closed;

    private NamespaceFile(NetworkNamespace namespace, int fd, NamespaceId identity) {
        this.namespace = namespace;
        this.fd = fd;
        this.identity = identity;
    }

    /**
     * @throws NetlinkIOException ENOENT when nothing is there (or only the file {@code ip netns} makes before it
     *     mounts a namespace on it and leaves after unmounting it), another errno when the file cannot be opened
     * @throws IllegalArgumentException {@code netns: '...' is a FIFO, not a network namespace} and the like
     */
    static NamespaceFile open(NetworkNamespace namespace) throws NetlinkIOException {
        String path = namespace.path().toString();
        FileStatus status;
        try {
            status = FileStatus.of(path);
        } catch (LastErrorException e) {
            throw NetworkNamespace.statFailure(path, e.getErrorCode());
        }
        if (!status.isRegularFile()) {
            throw notANetworkNamespace(namespace, "is " + status.kind() + ", not a network namespace");
        }
        int fd;
        try {
            fd = LibC.open(path, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("open network namespace " + path, e.getErrorCode());
        }
        try {
            check(namespace, fd);
            return new NamespaceFile(namespace, fd, FileStatus.of(fd).identity());
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new NetlinkIOException("check network namespace " + path, e.getErrorCode());
        } catch (NetlinkIOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static void check(NetworkNamespace namespace, int fd) throws NetlinkIOException {
        long fsType;
        try (Memory statfs = new Memory(STATFS_SIZE)) {
            LibC.fstatfs(fd, statfs);
            fsType = statfs.getNativeLong(0).longValue();
        }
        if (fsType != LibC.NSFS_MAGIC) {
            if (namespace.isInRunDir()) {
                // `ip netns add` creates the file before it mounts the namespace on it, `ip netns del` unmounts
                // before it unlinks: in between, the name is a plain file and the namespace does not exist.
                throw new NetlinkIOException("network namespace " + namespace.path() + " (being created or deleted)",
                        Errno.ENOENT);
            }
            throw notANetworkNamespace(namespace, "is not a namespace file");
        }
        int type = LibC.ioctl(fd, LibC.NS_GET_NSTYPE, 0);
        if (type != LibC.CLONE_NEWNET) {
            throw notANetworkNamespace(namespace, "is " + namespaceKind(type) + ", not a network namespace");
        }
    }

    private static IllegalArgumentException notANetworkNamespace(NetworkNamespace namespace, String what) {
        return new IllegalArgumentException("netns: " + namespace.describe() + " " + what);
    }

    private static String namespaceKind(int cloneFlag) {
        switch (cloneFlag) {
            case LibC.CLONE_NEWNS: return "a mount namespace";
            case LibC.CLONE_NEWUTS: return "a UTS namespace";
            case LibC.CLONE_NEWIPC: return "an IPC namespace";
            case LibC.CLONE_NEWUSER: return "a user namespace";
            case LibC.CLONE_NEWPID: return "a PID namespace";
            case LibC.CLONE_NEWCGROUP: return "a cgroup namespace";
            case LibC.CLONE_NEWTIME: return "a time namespace";
            default: return "a namespace of type 0x" + Integer.toHexString(cloneFlag);
        }
    }

    /** The namespace's device and inode, from this descriptor. */
    public NamespaceId identity() {
        return identity;
    }

    /**
     * Opens a netlink socket inside the namespace, from a short-lived thread that enters it: a socket stays in the
     * namespace it was created in, and no JVM thread is left in a foreign namespace.
     */
    public NetlinkSocket openSocket(int receiveBufferSize, int timeoutMillis) throws NetlinkIOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(openHere(receiveBufferSize, timeoutMillis)),
                "jconntrack-setns-" + namespace.name());
        t.setDaemon(true);
        t.start();
        Threads.joinUninterruptibly(t); // the thread ends quickly; finish so its socket is not leaked
        Object r = result.get();
        if (r instanceof NetlinkSocket) {
            return (NetlinkSocket) r;
        }
        if (r instanceof NetlinkIOException) {
            throw (NetlinkIOException) r;
        }
        throw new IllegalStateException("opening a socket in " + namespace.path() + " failed", (Throwable) r);
    }

    /** Runs on the dedicated thread: enter the namespace, open the socket; the thread then ends. */
    private Object openHere(int receiveBufferSize, int timeoutMillis) {
        try {
            try {
                LibC.setns(fd, LibC.CLONE_NEWNET);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EPERM) {
                    // setns(CLONE_NEWNET) needs CAP_SYS_ADMIN; CAP_NET_ADMIN, enough for ctnetlink, is not.
                    return new NetlinkIOException("setns " + namespace.path() + " - "
                            + NetworkNamespace.SETNS_CAPABILITY
                            + (lacksNetAdmin() ? ", and CAP_NET_ADMIN is required for conntrack in it" : ""),
                            Errno.EPERM);
                }
                return new NetlinkIOException("setns " + namespace.path(), e.getErrorCode());
            }
            return NetlinkSocket.open(receiveBufferSize, timeoutMillis);
        } catch (NetlinkIOException | RuntimeException | Error e) {
            return e;
        }
    }

    /** Whether this process is known to lack CAP_NET_ADMIN as well (unknown counts as having it). */
    private static boolean lacksNetAdmin() {
        try {
            return !Capabilities.ofThisProcess().has(Capabilities.CAP_NET_ADMIN);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
