package io.jconntrack.impl.socket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The files this JVM's descriptors point at, for tests that check that none is left open. */
public final class Descriptors {
    private Descriptors() {
    }

    /**
     * The targets of {@code /proc/self/fd}, sorted, leaving out sockets, pipes, anonymous inodes, {@code /proc} and
     * jars: the JVM and surefire open and close those on their own ({@code NetlinkSockets} counts sockets).
     */
    public static List<String> files() {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    if (!t.startsWith("socket:") && !t.startsWith("pipe:") && !t.startsWith("anon_inode:")
                            && !t.startsWith("/proc/") && !t.endsWith(".jar")) {
                        targets.add(t);
                    }
                } catch (IOException e) {
                    // closed meanwhile, e.g. the directory stream's own descriptor
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/self/fd", e);
        }
        targets.sort(null);
        return targets;
    }
}
