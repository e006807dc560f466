package io.jconntrack.impl.socket;

import io.jconntrack.impl.Threads;
import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A network namespace named as {@code ip netns} names it ({@code /var/run/netns/NAME}) or given by the path of a
 * namespace file. Sockets are opened inside it from a short-lived thread that enters it with {@code setns}: a
 * socket stays in the namespace it was created in, and no JVM thread is left in a foreign namespace.
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
            return new NetworkNamespace(netns, Paths.get(netns).normalize());
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
     * The identity of the namespace the file refers to (nsfs inode), so that a namespace deleted and made again
     * under the same name is recognised as a different one.
     *
     * @throws NetlinkIOException ENOENT when the namespace does not exist
     */
    public long identity() throws NetlinkIOException {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            return ((Number) ino).longValue();
        } catch (NoSuchFileException e) {
            throw new NetlinkIOException("network namespace " + path, Errno.ENOENT);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new NetlinkIOException("stat " + path + " (" + e.getMessage() + ")", Errno.ENOENT);
        }
    }

    /** Opens a netlink socket inside this namespace. */
    public NetlinkSocket openSocket(int receiveBufferSize, int timeoutMillis) throws NetlinkIOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(openHere(receiveBufferSize, timeoutMillis)),
                "jconntrack-setns-" + name);
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
        throw new IllegalStateException("opening a socket in " + path + " failed", (Throwable) r);
    }

    /** Runs on the dedicated thread: enter the namespace, open the socket; the thread then ends. */
    private Object openHere(int receiveBufferSize, int timeoutMillis) {
        try {
            int fd;
            try {
                fd = LibC.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
            } catch (LastErrorException e) {
                return new NetlinkIOException("open network namespace " + path, e.getErrorCode());
            }
            try {
                LibC.setns(fd, LibC.CLONE_NEWNET);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINVAL) {
                    // `ip netns del` unmounts the namespace before it unlinks the file: in between, the path is a
                    // plain file, which setns refuses with EINVAL. The namespace is gone.
                    return new NetlinkIOException("network namespace " + path + " (being deleted)", Errno.ENOENT);
                }
                if (e.getErrorCode() == Errno.EPERM) {
                    // setns(CLONE_NEWNET) needs CAP_SYS_ADMIN; CAP_NET_ADMIN, enough for ctnetlink, is not.
                    return new NetlinkIOException("setns " + path + " - " + SETNS_CAPABILITY
                            + (lacksNetAdmin() ? ", and CAP_NET_ADMIN is required for conntrack in it" : ""), Errno.EPERM);
                }
                return new NetlinkIOException("setns " + path, e.getErrorCode());
            } finally {
                LibC.close(fd);
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
    public String toString() {
        return name;
    }
}
