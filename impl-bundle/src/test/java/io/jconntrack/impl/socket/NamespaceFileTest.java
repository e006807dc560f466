package io.jconntrack.impl.socket;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A path that is not a network namespace is refused at once, saying what it is, and leaves no descriptor open: a
 * FIFO (whose blocking open once hung a thread for good), a device, a socket, a directory, a plain file, another
 * kind of namespace, a path that does not exist.
 */
public class NamespaceFileTest {
    private Path dir;

    @Before
    public void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("jct-nsfile");
    }

    @After
    public void removeDirectory() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test(timeout = 5_000) // a regression blocks in open(): fail, do not hang
    public void aFifoIsRefusedWithoutBlocking() {
        Path fifo = dir.resolve("fifo");
        Processes.Result r = Processes.run(List.of("mkfifo", fifo.toString()));
        assertEquals(r.err(), 0, r.exit());
        refused(fifo.toString(), "is a FIFO, not a network namespace");
    }

    @Test
    public void aCharacterDeviceIsRefused() {
        refused("/dev/null", "is a character device, not a network namespace");
    }

    @Test
    public void aSocketIsRefused() throws IOException {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            refused(socket.toString(), "is a socket, not a network namespace");
        }
    }

    @Test
    public void aDirectoryIsRefused() {
        refused(dir.toString(), "is a directory, not a network namespace");
    }

    @Test
    public void aPlainFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "not a namespace");
        refused(file.toString(), "is not a namespace file");
    }

    @Test
    public void anotherKindOfNamespaceIsRefused() {
        refused("/proc/self/ns/mnt", "is a mount namespace, not a network namespace");
        refused("/proc/self/ns/user", "is a user namespace, not a network namespace");
    }

    @Test
    public void aMissingPathIsEnoent() throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        List<String> before = Descriptors.files();
        for (String missing : List.of(dir.resolve("missing").toString(), file + "/below-a-file",
                "jct-missing-" + UUID.randomUUID())) {
            NetlinkIOException e = assertThrows(missing, NetlinkIOException.class,
                    () -> NetworkNamespace.of(missing).open());
            assertEquals(missing + ": " + e.getMessage(), Errno.ENOENT, e.errno());
        }
        assertEquals("descriptors", before, Descriptors.files());
    }

    @Test
    public void theOwnNetworkNamespaceIsAcceptedWhateverTheSpelling() throws NetlinkIOException {
        NamespaceId id;
        try (NamespaceFile f = NetworkNamespace.of("/proc/self/ns/net").open()) {
            id = f.identity();
        }
        for (String spelling : List.of("/proc//self/ns/net", "/proc/self/./ns/net", "/proc/thread-self/ns/net",
                "/proc/" + ProcessHandle.current().pid() + "/ns/net", "/proc/self/ns/../ns/net")) {
            try (NamespaceFile f = NetworkNamespace.of(spelling).open()) {
                assertEquals(spelling, id, f.identity());
            }
            assertEquals("identity without opening, " + spelling, id, NetworkNamespace.of(spelling).identity());
        }
    }

    /** {@code ip netns add} makes a plain file before it mounts the namespace on it: that name does not exist yet. */
    @Test
    public void aPlainFileAmongTheNamesIsANamespaceNotThereYet() throws IOException {
        Preconditions.requireKernel(); // root, to write where ip netns keeps its names
        Files.createDirectories(NetworkNamespace.NETNS_RUN_DIR);
        String name = "jct-plain-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createFile(NetworkNamespace.NETNS_RUN_DIR.resolve(name));
        try {
            for (String spelling : List.of(name, "/run/netns//" + name, "/var/run/netns/./" + name)) {
                NetlinkIOException e = assertThrows(spelling, NetlinkIOException.class,
                        () -> NetworkNamespace.of(spelling).open());
                assertEquals(spelling + ": " + e.getMessage(), Errno.ENOENT, e.errno());
            }
        } finally {
            Files.delete(file);
        }
    }

    /** Refused with an IllegalArgumentException naming netns, the value and what it is; no descriptor left. */
    private static void refused(String path, String what) {
        // A first call may load native code (libffi maps a file once): the second must leave what was there.
        assertThrows(path, IllegalArgumentException.class, () -> NetworkNamespace.of(path).open());
        List<String> before = Descriptors.files();
        IllegalArgumentException e = assertThrows(path, IllegalArgumentException.class,
                () -> NetworkNamespace.of(path).open());
        assertEquals("netns: '" + path + "' " + what, e.getMessage());
        IllegalArgumentException viaSocket = assertThrows(path, IllegalArgumentException.class,
                () -> NetworkNamespace.of(path).openSocket(1 << 16, 1_000));
        assertEquals(e.getMessage(), viaSocket.getMessage());
        assertEquals("descriptors", before, Descriptors.files());
    }
}
