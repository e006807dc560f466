package io.jconntrack.consoletests;

import io.jconntrack.testsupport.BinClient;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The unpacked distribution, started with {@code bin/start} and stopped with {@code bin/stop}. Before each start it
 * gets an emptied {@code data/} and ports chosen at run time: SSH and the two RMI ports are the only fixed ports the
 * assembly binds (JMXMP is disabled; the shutdown port is already random), so runs never collide with another Karaf
 * or with each other. It can also be started inside a network namespace (its scripts and every bin/client through
 * {@code ip netns exec NS}) and as another user with chosen capabilities ({@code bin/start} through a
 * {@code setpriv ...} prefix): see {@link LeastPrivilegeIT}.
 */
final class ConsoleKaraf implements AutoCloseable {
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Path home;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private final BinClient client;
    private final List<String> inNamespace;
    private final List<String> asUser;
    private long pid = -1;

    private ConsoleKaraf(Path home, int[] ports, List<String> inNamespace, List<String> asUser) {
        this(home, ports, inNamespace, asUser, "karaf");
    }

    private ConsoleKaraf(Path home, int[] ports, List<String> inNamespace, List<String> asUser, String password) {
        this.home = home;
        this.sshPort = ports[0];
        this.rmiRegistryPort = ports[1];
        this.rmiServerPort = ports[2];
        this.inNamespace = List.copyOf(inNamespace);
        this.asUser = List.copyOf(asUser);
        this.client = BinClient.of(home).withUser("karaf", password).withHost("127.0.0.1").withPort(sshPort)
                .withTimeout(Duration.ofSeconds(60)).withLauncher(inNamespace);
    }

    /** The assembly named by the {@code karaf.home} system property (set by the pom), started and answering. */
    static ConsoleKaraf start() {
        String property = System.getProperty("karaf.home");
        if (property == null || !Files.isExecutable(Paths.get(property, "bin", "start"))) {
            throw new IllegalStateException("no unpacked distribution at karaf.home=" + property
                    + " (mvn generate-test-resources unpacks it)");
        }
        ConsoleKaraf karaf = new ConsoleKaraf(Paths.get(property).toAbsolutePath(), freePorts(3), List.of(),
                List.of());
        try {
            karaf.stopLeftOver();
            // A session opened in the first seconds after boot can hang in channel open: short attempts, retried.
            try (TestNamespace probe = TestNamespace.create("jct-ready")) {
                String count = "conntrack:count -n " + probe.name();
                karaf.boot(count, Processes.Result::succeeded);
                karaf.dumpClientClasses(count);
            }
            return karaf;
        } catch (RuntimeException | Error e) {
            karaf.close();
            throw e;
        }
    }

    /**
     * The Karaf in {@code home} started in network namespace {@code netns} (whose loopback must be up), through
     * {@code asUser} (e.g. {@code setpriv --reuid ...}), answering once {@code readyCommand} gives an answer that
     * {@code answered} accepts (a refusal may be the expected answer).
     */
    static ConsoleKaraf startInNamespace(Path home, String netns, List<String> asUser, String readyCommand,
                                         Predicate<Processes.Result> answered) {
        return startInNamespace(home, netns, asUser, readyCommand, answered, "karaf");
    }

    /** As above, the console's {@code karaf} user having {@code karafPassword}. */
    static ConsoleKaraf startInNamespace(Path home, String netns, List<String> asUser, String readyCommand,
                                         Predicate<Processes.Result> answered, String karafPassword) {
        ConsoleKaraf karaf = new ConsoleKaraf(home, freePorts(3), List.of("ip", "netns", "exec", netns), asUser,
                karafPassword);
        try {
            karaf.stopLeftOver();
            karaf.boot(readyCommand, answered);
            return karaf;
        } catch (RuntimeException | Error e) {
            karaf.close();
            throw e;
        }
    }

    Path home() {
        return home;
    }

    int sshPort() {
        return sshPort;
    }

    List<Integer> chosenPorts() {
        return List.of(sshPort, rmiRegistryPort, rmiServerPort);
    }

    long pid() {
        return pid;
    }

    /** {@code bin/client -h 127.0.0.1 -a PORT -u karaf -p karaf}. */
    BinClient client() {
        return client;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    private void boot(String readyCommand, Predicate<Processes.Result> answered) {
        emptyData();
        editProperty("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        editProperty("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        if (Files.exists(home.resolve("etc/org.apache.karaf.management.cfg"))) { // the node agent has no JMX
            editProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(rmiRegistryPort));
            editProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(rmiServerPort));
            editProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1");
            editProperty("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1");
        }
        Processes.Result started = script("start", asUser);
        if (!started.succeeded()) {
            throw new IllegalStateException("bin/start failed: " + started);
        }
        pid = awaitPid();
        client.withTimeout(Duration.ofSeconds(20)).awaitReady(readyCommand, BOOT, answered);
    }

    /**
     * Each bin/client call is a new JVM, about a second of CPU on this machine kind, and the tests make a few hundred.
     * The pom gives them {@code JAVA_OPTS} with C1 only and a class-data archive ({@code bin.client.cds}); this call
     * writes that archive (a missing archive is silently ignored, so the calls before it work as well).
     */
    private void dumpClientClasses(String command) {
        String archive = System.getProperty("bin.client.cds");
        if (archive == null || archive.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(Paths.get(archive));
            ProcessBuilder b = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                    Integer.toString(sshPort), "-u", "karaf", "-p", "karaf", "-b").directory(home.toFile());
            b.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable "
                    + "-XX:ArchiveClassesAtExit=" + archive);
            b.redirectErrorStream(true);
            b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = b.start();
            p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.out.println("no class-data archive for bin/client (" + e + "): calls are slower");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Karaf of an earlier run on this home that was not stopped (a killed test JVM): ended before booting. */
    private void stopLeftOver() {
        Optional<ProcessHandle> old = readPid().flatMap(ProcessHandle::of)
                .filter(h -> h.info().commandLine().orElse("").contains("-Dkaraf.home=" + home));
        if (old.isPresent()) {
            System.out.println("Karaf of an earlier run still running on " + home + " (pid " + old.get().pid()
                    + "): killed");
            old.get().destroyForcibly();
            old.get().onExit().join();
        }
    }

    /** bin/stop, then SIGKILL to the Karaf JVM when it has not ended within 30 s; again is harmless. */
    @Override
    public void close() {
        if (pid < 0) {
            pid = readPid().orElse(-1L);
        }
        if (pid < 0) {
            return;
        }
        Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
        if (jvm.isEmpty()) {
            return;
        }
        try {
            script("stop", List.of());
        } catch (RuntimeException e) {
            // bin/stop could not reach the shutdown port: the kill below ends it
        }
        try {
            jvm.get().onExit().get(STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.out.println("Karaf (pid " + pid + ") did not stop within " + STOP + ": killed");
            jvm.get().destroyForcibly();
        }
    }

    /** bin/NAME in the namespace, through {@code launcher}, with its output appended to karaf-scripts.out. */
    private Processes.Result script(String name, List<String> launcher) {
        List<String> cmd = new ArrayList<>(inNamespace);
        cmd.addAll(launcher);
        cmd.add(home.resolve("bin").resolve(name).toString());
        ProcessBuilder b = new ProcessBuilder(cmd).directory(home.toFile());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().remove("JAVA_OPTS"); // the options for bin/client (see dumpClientClasses), not for Karaf
        // in data/: the only directory of an installed home that Karaf's user may write (see LeastPrivilegeIT)
        b.environment().put("KARAF_REDIRECT", console().toString());
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

    private Path console() {
        return home.resolve("data/karaf-console.out");
    }

    /** The Karaf JVM writes its pid to {@code data/karaf.pid} (etc/config.properties) once it runs. */
    private long awaitPid() {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Optional<Long> p = readPid();
            if (p.isPresent()) {
                return p.get();
            }
            sleep(200);
        }
        throw new IllegalStateException("no data/karaf.pid in " + home + " 60 s after bin/start; see "
                + console());
    }

    private Optional<Long> readPid() {
        try {
            String text = Files.readString(home.resolve("data/karaf.pid")).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sets {@code key = value} in an etc/ file, replacing the line of that key or appending one. */
    private void editProperty(String file, String key, String value) {
        Path p = home.resolve(file);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + key + "\\s*=.*")) {
                    lines.set(i, key + " = " + value);
                    found = true;
                }
            }
            if (!found) {
                lines.add(key + " = " + value);
            }
            Files.write(p, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + p, e);
        }
    }

    private static int[] freePorts(int n) {
        // All held open together so that the kernel hands out distinct ones, then released for Karaf to bind.
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

    /** Deletes what is in data/ and keeps the directory itself, with its owner (Karaf's user may not make it). */
    private void emptyData() {
        Path data = home.resolve("data");
        try {
            Files.createDirectories(data);
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(data)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + data, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
