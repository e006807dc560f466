package io.jconntrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Memory and CPU time of another process, as /proc/PID/status and /proc/PID/stat report them. */
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

    /** User plus system CPU time of the process so far, in seconds (/proc/PID/stat), or 0 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            // After the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture the JDK runs on. */
    private static final int CLOCK_TICKS = 100;
}
