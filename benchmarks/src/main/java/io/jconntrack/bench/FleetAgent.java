package io.jconntrack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of the fleet benchmark: the agent distribution unpacked into a directory of its own and started inside the
 * node's network namespace ({@code ip netns exec NS bin/start}) with its own JVM options (etc/jvm.options), the REST
 * agent on {@code address}:8443 and the console on that namespace's loopback. The console's {@code karaf} login and
 * the controller's {@code fleetadmin} are not guessable: an agent beyond the loopback refuses to start otherwise.
 */
final class FleetAgent implements AutoCloseable {
    static final String ADMIN = "fleetadmin";
    static final String ADMIN_PASSWORD = "fleet-secret-" + Long.toHexString(System.nanoTime());
    private static final String CONSOLE_PASSWORD = "fleet-console-" + Long.toHexString(System.nanoTime());
    private static final Pattern STARTED = Pattern.compile(
            "REST agent on https://[0-9.]+:8443/conntrack/v1, realm karaf, certificate SHA-256 ([0-9A-F:]+)");

    private final Path home;
    private final String netns;
    private final String address;

    private FleetAgent(Path home, String netns, String address) {
        this.home = home;
        this.netns = netns;
        this.address = address;
    }

    /** Unpacks {@code tarGz} into {@code home} and configures the agent for {@code address} in {@code netns}. */
    static FleetAgent unpack(Path tarGz, Path home, String netns, String address) throws IOException {
        Files.createDirectories(home);
        Cli.run(List.of("tar", "xzf", tarGz.toString(), "-C", home.toString(), "--strip-components=1"), true)
                .checked(List.of("tar"));
        Files.writeString(home.resolve("etc/io.jconntrack.rest.cfg"), "host = " + address + "\nport = 8443\n");
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replaceFirst("(?m)^karaf\\s*=\\s*karaf,", "karaf = "
                + CONSOLE_PASSWORD + ",") + "\n" + ADMIN + " = " + ADMIN_PASSWORD + ",admin,viewer\n");
        return new FleetAgent(home, netns, address);
    }

    /** {@code bin/start} in the namespace; returns at once (the JVM boots in the background). */
    void start() {
        Cli.run(List.of("ip", "netns", "exec", netns, "env", "JAVA_HOME=" + System.getProperty("java.home"),
                home.resolve("bin/start").toString()), true).checked(List.of("bin/start"));
    }

    /** The certificate fingerprint the agent logs when it answers; waits for it at most {@code seconds}. */
    String awaitFingerprint(int seconds) throws IOException, InterruptedException {
        Path log = home.resolve("data/log/karaf.log");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                Matcher m = STARTED.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the agent in " + home + " did not start within " + seconds + " s; see "
                + log);
    }

    String url() {
        return "https://" + address + ":8443";
    }

    String netns() {
        return netns;
    }

    /** The agent JVM's process id (data/karaf.pid), or -1. */
    long pid() {
        return KarafHome.pid(home);
    }

    /** Resident memory of the agent JVM in KiB (VmRSS), or -1 when it is not running. */
    long residentKib() {
        return ProcFs.statusKib(pid(), "VmRSS");
    }

    /** SIGSTOP: the kernel still accepts connections, nothing answers (a hung node). */
    void freeze() {
        Cli.run(List.of("kill", "-STOP", Long.toString(pid())), true).checked(List.of("kill"));
    }

    void thaw() {
        try {
            Cli.run(List.of("kill", "-CONT", Long.toString(pid())), true);
        } catch (RuntimeException gone) {
            // not running: nothing to thaw
        }
    }

    @Override
    public void close() {
        thaw();
        KarafHome.stop(home, List.of("ip", "netns", "exec", netns));
    }
}
