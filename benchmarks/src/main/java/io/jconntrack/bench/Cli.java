package io.jconntrack.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs tools (the {@code conntrack} CLI inside the namespace, {@code ip netns}) and times them. */
final class Cli {
    private static final Pattern FLOW_COUNT = Pattern.compile("(\\d+) flow entries have been (shown|deleted)");

    /** A finished command: exit code, output (when kept), error text, wall time. */
    record Run(int exit, String out, String err, double seconds) {
        /** The count the CLI prints on stderr ("N flow entries have been shown/deleted"), or -1. */
        long flowCount() {
            Matcher m = FLOW_COUNT.matcher(err);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        Run checked(List<String> cmd) {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (" + exit + "): " + err.trim());
            }
            return this;
        }
    }

    private final String netns;

    Cli(String netns) {
        this.netns = netns;
    }

    /** {@code conntrack ARGS > /dev/null} inside the namespace, timed from start to exit. */
    Run conntrackDiscarding(String... args) {
        return run(inNamespace("conntrack", args), false);
    }

    /** {@code conntrack ARGS}, its output kept. */
    Run conntrack(String... args) {
        return run(inNamespace("conntrack", args), true);
    }

    /** A shell pipeline inside the namespace, e.g. {@code conntrack -L -w 1 | wc -l}. */
    Run shell(String script) {
        return run(inNamespace("sh", "-c", script), true);
    }

    private List<String> inNamespace(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, tool));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static Run run(List<String> cmd, boolean keepOutput) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (!keepOutput) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            long start = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err), "cli-stderr");
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (keepOutput) {
                copy(p.getInputStream(), out);
            }
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            errReader.join();
            return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    seconds).checked(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + cmd, e);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Paths.get(dir, tool))) {
                return true;
            }
        }
        return java.nio.file.Files.isExecutable(java.nio.file.Paths.get("/usr/sbin", tool));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
