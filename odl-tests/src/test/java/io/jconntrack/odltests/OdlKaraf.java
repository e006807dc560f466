package io.jconntrack.odltests;

import io.jconntrack.testsupport.BinClient;
import io.jconntrack.testsupport.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A copy of OpenDaylight's unpacked distribution ({@code odl.home}, unpacked by the pom from Maven Central), started
 * with {@code bin/start} and stopped with {@code bin/stop}, driven through its {@code bin/client}. Every port it binds
 * is chosen free at run time on 127.0.0.1: SSH, the two RMI ports, the HTTP port of its Jetty (pax-web and
 * {@code etc/jetty.xml}) and the datastore's Akka (or Pekko) port, so it never collides with another controller.
 * Only the test's own setup is written into {@code etc/}; jconntrack is installed as a user does (see
 * {@link OdlCoexistenceIT}).
 */
final class OdlKaraf implements AutoCloseable {
    private static final Duration BOOT = Duration.ofSeconds(240);
    private static final Duration STOP = Duration.ofSeconds(60);

    private final Path home;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private final int httpPort;
    private final int clusterPort;
    private final BinClient client;
    private long pid = -1;

    private OdlKaraf(Path home, int[] ports) {
        this.home = home;
        this.sshPort = ports[0];
        this.rmiRegistryPort = ports[1];
        this.rmiServerPort = ports[2];
        this.httpPort = ports[3];
        this.clusterPort = ports[4];
        this.client = BinClient.of(home).withHost("127.0.0.1").withPort(sshPort).withTimeout(Duration.ofSeconds(300));
    }

    /** A fresh copy of the distribution in {@code target/odl-runs/NAME}, configured, not started. */
    static OdlKaraf prepare(String name) {
        Path template = Paths.get(property("odl.home"));
        if (!Files.isExecutable(template.resolve("bin/start"))) {
            throw new IllegalStateException("no unpacked OpenDaylight at odl.home=" + template
                    + " (mvn generate-test-resources unpacks it)");
        }
        Path home = template.getParent().resolveSibling("odl-runs").resolve(name).toAbsolutePath();
        Processes.run(List.of("rm", "-rf", home.toString()));
        mkdirs(home.getParent());
        Processes.Result copy = Processes.run(List.of("cp", "-a", template.toString(), home.toString()));
        if (!copy.succeeded()) {
            throw new IllegalStateException("cannot copy " + template + ": " + copy);
        }
        OdlKaraf karaf = new OdlKaraf(home, freePorts(5));
        karaf.configure();
        return karaf;
    }

    private void configure() {
        editProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        editProperty("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        editProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(rmiRegistryPort));
        editProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(rmiServerPort));
        editProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1");
        editProperty("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1");
        // pax-web's port and etc/jetty.xml's connector (jetty.host, jetty.port) must agree, or two connectors compete.
        editProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        editProperty("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        editProperty("etc/system.properties", "jetty.host", "127.0.0.1");
        editProperty("etc/system.properties", "jetty.port", Integer.toString(httpPort));
        editProperty("etc/config.properties", "karaf.pid.file", "${karaf.data}/karaf.pid");
        writeClusterConfiguration();
    }

    /**
     * The datastore's cluster member, on a free port of 127.0.0.1: written before RESTCONF is installed, so that its
     * feature keeps it (configuration/initial is installed only when absent). The keys of the file the feature would
     * install, with the port changed; both the Akka (13.x) and the Pekko (14.x) blocks, each release reads its own and
     * ignores the other; the rest comes from configuration/factory.
     */
    private void writeClusterConfiguration() {
        String text = "odl-cluster-data {\n"
                + block("akka", clusterPort) + block("pekko", clusterPort)
                + "}\n";
        Path file = home.resolve("configuration/initial/akka.conf");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            Files.writeString(home.resolve("configuration/initial/pekko.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String block(String system, int port) {
        return "  " + system + " {\n"
                + "    remote.artery {\n"
                + "      enabled = on\n"
                + "      transport = tcp\n"
                + "      canonical.hostname = \"127.0.0.1\"\n"
                + "      canonical.port = " + port + "\n"
                + "    }\n"
                + "    cluster {\n"
                + "      seed-nodes = [\"" + system + "://opendaylight-cluster-data@127.0.0.1:" + port + "\"]\n"
                + "      roles = [\"member-1\"]\n"
                + "    }\n"
                + "    persistence {\n"
                + "      snapshot-store.local.use-lz4-compression = false\n"
                + "      snapshot-store.local.lz4-blocksize = 256KB\n"
                + "    }\n"
                + "    disable-default-actor-system-quarantined-event-handling = \"false\"\n"
                + "  }\n";
    }

    /**
     * OpenDaylight resolves features only from {@code system/} and {@code data/kar}: for RESTCONF the test adds Maven
     * Central to its repositories (as the facts of the project say a test may), and nothing else: what it downloads
     * goes to {@code system/}, as with OpenDaylight's own settings. jconntrack is not on Central: it comes from its
     * KAR.
     */
    void allowMavenCentral() {
        editProperty("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                "file:${karaf.home}/${karaf.default.repository}@id=system.repository, "
                        + "file:${karaf.data}/kar@id=kar.repository@multi, "
                        + "https://repo1.maven.org/maven2@id=central");
    }

    static String restconfRepository() {
        return "mvn:org.opendaylight.netconf/odl-restconf/" + property("odl.restconf.version") + "/xml/features";
    }

    /** bin/start, then waits until the console answers and every bundle has settled. */
    void start() {
        try {
            Files.deleteIfExists(home.resolve("data/karaf.pid")); // a stopped container's pid stays in the file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.Result started = script("start");
        if (!started.succeeded()) {
            throw new IllegalStateException("bin/start failed: " + started);
        }
        pid = awaitPid();
        client.withTimeout(Duration.ofSeconds(30)).awaitReady("bundle:list -t 0 --no-format", BOOT);
    }

    Path home() {
        return home;
    }

    int httpPort() {
        return httpPort;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Runs the commands in one {@code bin/client -b}; the result, whatever its status. */
    Processes.Result run(String... commands) {
        return client.batch(commands);
    }

    /** Runs the commands in one session and returns their output; fails the test when one does not succeed. */
    String console(String... commands) {
        Processes.Result r = client.batch(commands);
        if (!r.succeeded() || r.out().contains("Error executing command")) {
            throw new AssertionError("'" + String.join("; ", commands) + "' failed: " + r);
        }
        return r.out();
    }

    /**
     * The output of a command with a long answer, written to a file by the container's shell ({@code COMMAND > FILE})
     * and read from there: bin/client -b often ends a long output at a 32 KiB boundary before its last lines.
     */
    String output(String command) {
        Path file = home.resolveSibling(home.getFileName() + "-output");
        try {
            Files.deleteIfExists(file);
            console(command + " > " + file);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no output of '" + command + "' in " + file, e);
        }
    }

    /** Length of karaf.log now: what the container logs from here on is read with {@link #logSince}. */
    long logMark() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(log());
            int from = (int) Math.min(mark, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** bin/stop, then SIGKILL to the JVM when it has not ended within a minute; again is harmless. */
    @Override
    public void close() {
        if (pid < 0) {
            pid = readPid().orElse(-1L);
        }
        if (pid < 0) {
            return;
        }
        Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
        pid = -1;
        if (jvm.isEmpty()) {
            return;
        }
        try {
            script("stop");
        } catch (RuntimeException e) {
            // the kill below ends it
        }
        try {
            jvm.get().onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.out.println("OpenDaylight (pid " + jvm.get().pid() + ") did not stop within " + STOP + ": killed");
            jvm.get().destroyForcibly();
            jvm.get().onExit().join();
        }
    }

    private Processes.Result script(String name) {
        ProcessBuilder b = new ProcessBuilder(home.resolve("bin").resolve(name).toString()).directory(home.toFile());
        b.environment().put("JAVA_HOME", property("odl.java.home"));
        b.environment().put("KARAF_REDIRECT", home.resolve("data/karaf-console.out").toString());
        b.redirectErrorStream(true);
        b.redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        b.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf-scripts.out").toFile()));
        try {
            Process p = b.start();
            if (!p.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Processes.Result(-1, "", "bin/" + name + " timed out", true);
            }
            return new Processes.Result(p.exitValue(), "", "", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running bin/" + name, e);
        }
    }

    private long awaitPid() {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Optional<Long> p = readPid();
            if (p.isPresent()) {
                return p.get();
            }
            sleep(200);
        }
        throw new IllegalStateException("no data/karaf.pid in " + home + " 60 s after bin/start");
    }

    private Optional<Long> readPid() {
        try {
            String text = Files.readString(home.resolve("data/karaf.pid")).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sets {@code key = value} in a file of the home, replacing the line of that key (and its continuations). */
    void editProperty(String file, String key, String value) {
        Path p = home.resolve(file);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                    while (lines.get(i).endsWith("\\") && i + 1 < lines.size()) {
                        i++;
                    }
                    out.add(key + " = " + value);
                    found = true;
                } else {
                    out.add(line);
                }
            }
            if (!found) {
                out.add(key + " = " + value);
            }
            Files.write(p, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + p, e);
        }
    }

    static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("system property " + name + " is not set (the pom passes it)");
        }
        return v;
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // released either way
                }
            }
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
