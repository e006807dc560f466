package io.jconntrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmark's Karafs share: the pid file, and stopping them (bin/stop, killed when that does not end it). */
final class KarafHome {
    private KarafHome() {
    }

    /** The Karaf JVM's process id (data/karaf.pid), or -1. */
    static long pid(Path home) {
        try {
            return Long.parseLong(Files.readString(home.resolve("data/karaf.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** {@code bin/stop} through {@code launcher} (e.g. {@code ip netns exec NS}), then SIGKILL after 30 s. */
    static void stop(Path home, List<String> launcher) {
        long pid = pid(home);
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"), home.resolve("bin/stop").toString()));
        try {
            Cli.run(cmd, true);
        } catch (RuntimeException e) {
            // killed below
        }
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
