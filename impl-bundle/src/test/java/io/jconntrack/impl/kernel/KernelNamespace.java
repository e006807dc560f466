package io.jconntrack.impl.kernel;

import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test class with {@code ip netns add}, removed by {@link #close()}, and the
 * {@code conntrack} CLI run inside it as the independent oracle. Tests (not product code) may run these tools.
 * When the machine cannot run kernel tests the test is skipped with a printed reason, never passed silently.
 */
public final class KernelNamespace implements AutoCloseable {
    private final String name;

    private KernelNamespace(String name) {
        this.name = name;
    }

    /** Creates a fresh namespace, or skips the calling test with the reason. */
    public static KernelNamespace create(String prefix) {
        requireKernel();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Result r = run(List.of("ip", "netns", "add", name));
        if (r.exit != 0) {
            throw new IllegalStateException("ip netns add " + name + " failed: " + r.err);
        }
        return new KernelNamespace(name);
    }

    /** Skips the test, with a printed reason, where kernel tests cannot run. */
    public static void requireKernel() {
        String reason = null;
        if ("false".equals(System.getProperty("jconntrack.kernelTests"))) {
            reason = "kernel tests disabled with -Djconntrack.kernelTests=false";
        } else if (!"root".equals(System.getProperty("user.name"))) {
            reason = "kernel tests need root (CAP_NET_ADMIN, CAP_SYS_ADMIN for ip netns)";
        } else if (!executable("ip")) {
            reason = "the 'ip' tool (iproute2) is missing";
        } else if (!executable("conntrack")) {
            reason = "the 'conntrack' tool (conntrack-tools) is missing";
        } else if (!Files.exists(Paths.get("/proc/net/netlink"))) {
            reason = "no netlink in this kernel";
        }
        if (reason != null) {
            System.out.println("SKIPPED kernel test: " + reason);
        }
        assumeTrue(reason, reason == null);
    }

    private static boolean executable(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Paths.get("/usr/sbin", tool)) || Files.isExecutable(Paths.get("/sbin", tool));
    }

    public String name() {
        return name;
    }

    /** Runs {@code conntrack ARGS} inside the namespace; fails the test when it exits non-zero. */
    public String conntrack(String... args) {
        Result r = conntrackResult(args);
        if (r.exit != 0) {
            throw new AssertionError("conntrack " + String.join(" ", args) + " failed (" + r.exit + "): " + r.err);
        }
        return r.out;
    }

    public Result conntrackResult(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "conntrack"));
        cmd.addAll(Arrays.asList(args));
        return run(cmd);
    }

    /** Lines of {@code conntrack -L} inside the namespace (stdout only). */
    public List<String> listLines(String... extra) {
        List<String> args = new ArrayList<>(List.of("-L"));
        args.addAll(Arrays.asList(extra));
        String out = conntrack(args.toArray(new String[0]));
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** Entry count as the CLI sees it. */
    public int cliCount(String... selection) {
        return listLines(selection).size();
    }

    /** Sets a per-namespace sysctl (e.g. net.netfilter.nf_conntrack_acct) inside the namespace. */
    public void sysctl(String key, String value) {
        Result r = run(List.of("ip", "netns", "exec", name, "sysctl", "-qw", key + "=" + value));
        if (r.exit != 0) {
            throw new IllegalStateException("sysctl " + key + " failed: " + r.err);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name));
    }

    /** Output of a finished process. */
    public record Result(int exit, String out, String err) {
    }

    public static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
            errReader.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
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
