package io.jconntrack.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the conntrack netlink sockets ({@code AF_NETLINK}, {@code NETLINK_NETFILTER}) this JVM holds open, for
 * tests that check that sockets are released.
 *
 * <p>Counting every entry of {@code /proc/self/fd} made those tests fail at random ({@code expected:<48> but
 * was:<47>}): the JVM, class loading, surefire and, in Karaf, Pax Exam's RMI open and close files, jars, pipes and
 * sockets of their own at any time. Here a descriptor counts only when its link reads {@code socket:[INODE]} and
 * INODE is listed with protocol {@code NETLINK_NETFILTER} in a netlink table: socket inodes are unique on the
 * machine, so no file, jar, pipe or other kind of socket can match, and another process's sockets are not among our
 * descriptors.
 *
 * <p>A netlink table ({@code /proc/net/netlink}) lists only the sockets of one network namespace, and the service
 * opens its sockets inside the namespaces it is given. So the table of the JVM's own namespace is read
 * ({@code /proc/self/net/netlink}, the namespace of the JVM's main thread, which tests never move), and the table of
 * each namespace the test names is read by a process started inside it ({@code ip netns exec NAME cat
 * /proc/net/netlink}). A test names every namespace it sends the service into; the JDK alone cannot ask a
 * descriptor for its socket's protocol, and test support stays JDK-only (it is also a bundle in the Karaf tests).
 */
public final class NetlinkSockets {
    /** {@code NETLINK_NETFILTER} of linux/netlink.h: the protocol of ctnetlink sockets. */
    public static final int NETLINK_NETFILTER = 12;

    private static final String SOCKET_LINK_PREFIX = "socket:[";

    private NetlinkSockets() {
    }

    /**
     * How many of this JVM's descriptors are {@code NETLINK_NETFILTER} sockets of its own network namespace or of
     * one of {@code namespaces} (names as given to {@code ip netns}).
     */
    public static int count(String... namespaces) {
        Set<Long> netfilter = new HashSet<>(inodes(read(Paths.get("/proc/self/net/netlink")), NETLINK_NETFILTER));
        for (String ns : namespaces) {
            Processes.Result r = Processes.run(List.of("ip", "netns", "exec", ns, "cat", "/proc/net/netlink"));
            if (r.exit() != 0) {
                throw new IllegalStateException("cannot read the netlink table of namespace " + ns + ": " + r.err());
            }
            netfilter.addAll(inodes(r.out(), NETLINK_NETFILTER));
        }
        int n = 0;
        for (long inode : socketInodes()) {
            if (netfilter.contains(inode)) {
                n++;
            }
        }
        return n;
    }

    /** The inode of each socket descriptor of this JVM, once per descriptor. */
    public static List<Long> socketInodes() {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile, e.g. the directory stream's own descriptor
                }
                if (target.startsWith(SOCKET_LINK_PREFIX) && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
        return inodes;
    }

    /**
     * The inodes of the sockets of {@code protocol} in a netlink table as {@code /proc/net/netlink} prints it
     * ({@code sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode}, one header line; Eth is the protocol).
     */
    static Set<Long> inodes(String table, int protocol) {
        Set<Long> inodes = new HashSet<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length >= 10 && Integer.parseInt(f[1]) == protocol) {
                inodes.add(Long.parseLong(f[f.length - 1]));
            }
        }
        return inodes;
    }

    private static String read(Path procFile) {
        // procfs reports size 0: read the stream to its end
        try (InputStream in = Files.newInputStream(procFile)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + procFile, e);
        }
    }
}
