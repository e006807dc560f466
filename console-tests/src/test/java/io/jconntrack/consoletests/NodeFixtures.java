package io.jconntrack.consoletests;

import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the tests of a controller and its nodes share: links between their namespaces, copies, configuration. */
final class NodeFixtures {
    /** The line the REST agent logs when it answers: address, port and its certificate's fingerprint. */
    static final Pattern AGENT = Pattern.compile(
            "REST agent on https://([0-9.]+):(\\d+)/conntrack/v1, realm karaf, certificate SHA-256 ([0-9A-F:]+)");

    private NodeFixtures() {
    }

    /** A veth pair made directly inside the two namespaces (never in the initial one), addressed /30 and up. */
    static void link(TestNamespace a, String addressA, TestNamespace b, String addressB) {
        String nameA = "v-" + b.name().substring(b.name().length() - 8);
        String nameB = "v-" + a.name().substring(a.name().length() - 8);
        check(Processes.run(List.of("ip", "link", "add", nameA, "netns", a.name(), "type", "veth", "peer", "name",
                nameB, "netns", b.name())));
        check(a.exec("ip", "addr", "add", addressA + "/30", "dev", nameA));
        check(a.exec("ip", "link", "set", nameA, "up"));
        check(b.exec("ip", "addr", "add", addressB + "/30", "dev", nameB));
        check(b.exec("ip", "link", "set", nameB, "up"));
    }

    static Processes.Result check(Processes.Result r) {
        assertTrue(r.toString(), r.succeeded());
        return r;
    }

    /** The fingerprint the node's agent logged for the certificate it generated (or found) in its etc/. */
    static String agentFingerprint(ConsoleKaraf node) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try {
                Matcher m = AGENT.matcher(Files.readString(node.log()));
                String last = null;
                while (m.find()) {
                    last = m.group(3);
                }
                if (last != null) {
                    return last;
                }
            } catch (IOException e) {
                // not written yet
            }
            sleep(250);
        }
        throw new AssertionError("no 'REST agent on ...' line in " + node.log());
    }

    static void addBootFeature(Path home, String feature) throws IOException {
        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(cfg);
        Matcher m = Pattern.compile("(featuresBoot\\s*=\\s*\\\\\\n(?:.*,\\s*\\\\\\n)*.*?)(\\s*\\n)").matcher(text);
        assertTrue("featuresBoot in " + cfg, m.find());
        Files.writeString(cfg, text.substring(0, m.end(1)) + ", \\\n    " + feature + text.substring(m.end(1)));
    }

    /**
     * The password in etc/io.jconntrack.node-NAME.password, created 0600 (the controller refuses a file others can
     * read), then etc/io.jconntrack.node-NAME.cfg naming it by its absolute path, as an operator would.
     */
    static void nodeConfiguration(Path home, String name, String url, String user, String password,
                                  String fingerprint) {
        nodeConfiguration(home, name, url, user, password, fingerprint, "");
    }

    /** As above, with more lines of settings ({@code key = value\n}...). */
    static void nodeConfiguration(Path home, String name, String url, String user, String password,
                                  String fingerprint, String more) {
        Path secret = home.resolve("etc/io.jconntrack.node-" + name + ".password").toAbsolutePath();
        try {
            Files.deleteIfExists(secret);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            Files.writeString(secret, password + "\n");
            Files.writeString(home.resolve("etc/io.jconntrack.node-" + name + ".cfg"), "name = " + name + "\nurl = "
                    + url + "\nusername = " + user + "\npasswordFile = " + secret + "\nfingerprint = "
                    + fingerprint + "\n" + more);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of an unpacked assembly at {@code target}, without its data/ (each copy boots afresh). */
    static Path copy(Path distribution, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(distribution)) {
            for (Path p : paths.toList()) {
                Path rel = distribution.relativize(p);
                if (rel.startsWith("data")) {
                    continue;
                }
                Path t = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(target.resolve("data"));
        return target;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Entries of zone Z in a node's table: UDP flows from 192.0.2.Z to 198.51.100.I:53, made with the tool. */
    static void fill(TestNamespace ns, int zone, int count) {
        for (int i = 1; i <= count; i++) {
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2." + zone, "-d", "198.51.100." + i, "--sport", "1000",
                    "--dport", "53", "-t", "600", "-w", Integer.toString(zone));
        }
    }

    /** Closes what a test class started, the last first; a failure is printed and the rest still closed. */
    static void closeInReverse(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.out.println("cleanup: " + e);
            }
        }
    }
}
