package io.jconntrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Memory of another process, as /proc/PID/status reports it. */
final class ProcFs {
    private ProcFs() {
    }

    /** The {@code key} line of /proc/PID/status (VmRSS, VmHWM...) in KiB, or -1 when the process is gone. */
    static long statusKib(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
