package io.jconntrack.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A network namespace made for a test with {@code ip netns add}, removed by {@link #close()}, and the
 * {@code conntrack} CLI run inside it as the independent oracle. Kernel tests work only inside such namespaces and
 * never touch the initial namespace's table. Runs in a plain JVM and inside the Karaf container alike.
 */
public final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /**
     * Creates a fresh namespace named {@code prefix-XXXXXXXX} (random, so that tests and concurrent runs never
     * share one), or skips the calling test with the printed reason where kernel tests cannot run.
     */
    public static TestNamespace create(String prefix) {
        Preconditions.requireKernel();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Processes.Result r = Processes.run(List.of("ip", "netns", "add", name));
        if (r.exit() != 0) {
            throw new IllegalStateException("ip netns add " + name + " failed: " + r.err());
        }
        return new TestNamespace(name);
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace ({@code ip netns exec NAME COMMAND}); a non-zero exit is returned. */
    public Processes.Result exec(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(Arrays.asList(command));
        return Processes.run(cmd);
    }

    /** Runs {@code conntrack ARGS} inside the namespace and returns its stdout; fails the test on a non-zero exit. */
    public String conntrack(String... args) {
        Processes.Result r = conntrackResult(args);
        if (r.exit() != 0) {
            throw new AssertionError("conntrack " + String.join(" ", args) + " failed (" + r.exit() + "): "
                    + r.err());
        }
        return r.out();
    }

    /** Runs {@code conntrack ARGS} inside the namespace, whatever its exit status. */
    public Processes.Result conntrackResult(String... args) {
        List<String> cmd = new ArrayList<>(List.of("conntrack"));
        cmd.addAll(Arrays.asList(args));
        return exec(cmd.toArray(new String[0]));
    }

    /** Lines of {@code conntrack -L [selection]} inside the namespace (stdout only). */
    public List<String> listLines(String... selection) {
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

    /**
     * A {@code conntrack -L} line with its timeout (the third field, after the protocol's name and number) replaced
     * by {@code T}: it counts down between two listings. All other spacing is kept.
     */
    public static String withoutTimeout(String line) {
        return line.replaceFirst("^(\\S+\\s+\\S+\\s+)\\d+ ", "$1T ");
    }

    /** Entry count as the CLI sees it. */
    public int cliCount(String... selection) {
        return listLines(selection).size();
    }

    /** Creates an ESTABLISHED TCP entry (timeout 300 s) with the CLI. */
    public void createTcp(String src, String dst, int sport, int dport, int zone) {
        conntrack("-I", "-p", "tcp", "-s", src, "-d", dst, "--sport", Integer.toString(sport),
                "--dport", Integer.toString(dport), "--state", "ESTABLISHED", "-t", "300",
                "-w", Integer.toString(zone));
    }

    /** Sets a per-namespace sysctl (e.g. net.netfilter.nf_conntrack_acct) inside the namespace. */
    public void sysctl(String key, String value) {
        Processes.Result r = exec("sysctl", "-qw", key + "=" + value);
        if (r.exit() != 0) {
            throw new IllegalStateException("sysctl " + key + " failed: " + r.err());
        }
    }

    /** Deletes the namespace; again is harmless (tests close early, then in {@code finally}). */
    @Override
    public void close() {
        Processes.run(List.of("ip", "netns", "del", name));
    }
}
