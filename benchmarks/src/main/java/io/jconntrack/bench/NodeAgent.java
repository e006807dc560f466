package io.jconntrack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node agent for the remote benchmark: the built distribution unpacked into a directory of its own, booted with
 * {@code jconntrack-rest} on a free port of 127.0.0.1 (SSH and RMI on free ports too, so it never collides with
 * another Karaf) and a bounded heap, stopped with {@code bin/stop} (killed when that does not end it).
 */
final class NodeAgent implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile(
            "REST agent on https://127\\.0\\.0\\.1:(\\d+)/conntrack/v1, realm karaf, certificate SHA-256 ([0-9A-F:]+)");
    static final String USER = "benchadmin";
    static final String PASSWORD = "bench-secret";

    private final Path home;
    private final int port;
    private final String fingerprint;

    private NodeAgent(Path home, int port, String fingerprint) {
        this.home = home;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    /** Unpacks {@code distribution} (the tar.gz) into {@code dir} and starts it with {@code -Xmx<heapMiB>m}. */
    static NodeAgent start(Path distribution, Path dir, int heapMiB) throws IOException {
        Files.createDirectories(dir);
        Cli.run(List.of("tar", "xzf", distribution.toString(), "-C", dir.toString(), "--strip-components=1"), true)
                .checked(List.of("tar"));
        int[] ports = freePorts(4);
        append(dir.resolve("etc/io.jconntrack.rest.cfg"), "host = 127.0.0.1\nport = " + ports[0] + "\n");
        append(dir.resolve("etc/users.properties"), "\n" + USER + " = " + PASSWORD + ",admin,viewer\n");
        set(dir.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", ports[1]);
        set(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", ports[2]);
        set(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", ports[3]);
        Path features = dir.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(features);
        Matcher boot = Pattern.compile("(featuresBoot\\s*=\\s*\\\\\\n(?:.*,\\s*\\\\\\n)*.*?)(\\s*\\n)").matcher(text);
        if (!boot.find()) {
            throw new IllegalStateException("no featuresBoot in " + features);
        }
        Files.writeString(features, text.substring(0, boot.end(1)) + ", \\\n    jconntrack-rest"
                + text.substring(boot.end(1)));
        Cli.run(List.of("env", "EXTRA_JAVA_OPTS=-Xmx" + heapMiB + "m", "JAVA_HOME=" + System.getProperty("java.home"),
                dir.resolve("bin/start").toString()), true).checked(List.of("bin/start"));
        Path log = dir.resolve("data/log/karaf.log");
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                Matcher m = STARTED.matcher(Files.readString(log));
                if (m.find()) {
                    return new NodeAgent(dir, Integer.parseInt(m.group(1)), m.group(2));
                }
            }
            sleep(500);
        }
        NodeAgent failed = new NodeAgent(dir, 0, null);
        failed.close();
        throw new IllegalStateException("the agent in " + dir + " did not start within 180 s; see " + log);
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** The agent JVM's process id (data/karaf.pid). */
    long pid() {
        return KarafHome.pid(home);
    }

    @Override
    public void close() {
        KarafHome.stop(home, List.of());
    }

    /** Replaces the line of {@code key} (or appends one). */
    private static void set(Path file, String key, int value) throws IOException {
        String text = Files.readString(file);
        String line = key + " = " + value;
        String replaced = text.replaceAll("(?m)^\\s*" + key + "\\s*=.*$", line);
        Files.writeString(file, replaced.equals(text) && !text.contains(line) ? text + "\n" + line + "\n" : replaced);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, (Files.exists(file) ? Files.readString(file) : "") + text);
    }

    private static int[] freePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    if (s != null) {
                        s.close();
                    }
                } catch (IOException ignored) {
                    // released either way
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
