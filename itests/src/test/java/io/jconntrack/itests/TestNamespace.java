package io.jconntrack.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made by a test with {@code ip netns add}, and the {@code conntrack} CLI run inside it as the
 * independent oracle. Runs inside the Karaf container, as test code only: the product never runs a process.
 */
final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    static TestNamespace create() {
        Preconditions.requireKernel();
        String name = "jct-it-" + UUID.randomUUID().toString().substring(0, 8);
        Result r = run(List.of("ip", "netns", "add", name));
        if (r.exit != 0) {
            throw new IllegalStateException("ip netns add " + name + " failed: " + r.err);
        }
        return new TestNamespace(name);
    }

    String name() {
        return name;
    }

    /** {@code conntrack ARGS} inside the namespace; fails the test when it exits non-zero. */
    String conntrack(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "conntrack"));
        cmd.addAll(Arrays.asList(args));
        Result r = run(cmd);
        if (r.exit != 0) {
            throw new AssertionError("conntrack " + String.join(" ", args) + " failed (" + r.exit + "): " + r.err);
        }
        return r.out;
    }

    /** Lines of {@code conntrack -L [selection]} inside the namespace. */
    List<String> listLines(String... selection) {
        List<String> args = new ArrayList<>(List.of("-L"));
        args.addAll(Arrays.asList(selection));
        List<String> lines = new ArrayList<>();
        for (String l : conntrack(args.toArray(new String[0])).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    int cliCount(String... selection) {
        return listLines(selection).size();
    }

    /** Creates a TCP entry with the CLI. */
    void createTcp(String src, String dst, int sport, int dport, int zone) {
        conntrack("-I", "-p", "tcp", "-s", src, "-d", dst, "--sport", Integer.toString(sport),
                "--dport", Integer.toString(dport), "--state", "ESTABLISHED", "-t", "300",
                "-w", Integer.toString(zone));
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name));
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err), "itest-stderr");
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            errReader.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
