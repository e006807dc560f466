package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static io.jconntrack.consoletests.NodeFixtures.addBootFeature;
import static io.jconntrack.consoletests.NodeFixtures.agentFingerprint;
import static io.jconntrack.consoletests.NodeFixtures.check;
import static io.jconntrack.consoletests.NodeFixtures.closeInReverse;
import static io.jconntrack.consoletests.NodeFixtures.copy;
import static io.jconntrack.consoletests.NodeFixtures.delete;
import static io.jconntrack.consoletests.NodeFixtures.fill;
import static io.jconntrack.consoletests.NodeFixtures.link;
import static io.jconntrack.consoletests.NodeFixtures.nodeConfiguration;
import static io.jconntrack.consoletests.NodeFixtures.sleep;

import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 14: one controller and two nodes, three Karafs started from the built distribution, each in a network
 * namespace of the test, joined by veth pairs on a private test subnet (198.18.1.0/30 and 198.18.2.0/30, RFC 2544's
 * benchmarking range): nothing outside the namespaces is contacted. The nodes run the {@code jconntrack-rest} agent on
 * their veth address with the certificate they generate; the controller runs {@code jconntrack-remote} with one
 * {@code etc/io.jconntrack.node-NAME.cfg} per node, pinned to the fingerprint each node logged, and a 64 MiB heap.
 * Everything is driven through the controller's bin/client and checked with the conntrack tool in the nodes'
 * namespaces.
 */
public class NodesIT {
    private static final String CTL_ADMIN = "ctladmin";
    private static final String CTL_VIEWER = "ctlviewer";

    private static Path work;
    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static TestNamespace ctlNs;
    private static TestNamespace n1Ns;
    private static TestNamespace n2Ns;
    private static ConsoleKaraf controller;
    private static ConsoleKaraf node1;
    private static ConsoleKaraf node2;
    private static String fingerprint1;
    private static String fingerprint2;

    @BeforeClass
    public static void startControllerAndNodes() throws IOException {
        ctlNs = namespace("jct-ctl");
        n1Ns = namespace("jct-n1");
        n2Ns = namespace("jct-n2");
        link(ctlNs, "198.18.1.1", n1Ns, "198.18.1.2");
        link(ctlNs, "198.18.2.1", n2Ns, "198.18.2.2");
        Path distribution = Paths.get(System.getProperty("karaf.home"));
        work = Files.createTempDirectory(Paths.get(System.getProperty("java.io.tmpdir")), "jct-nodes-");
        cleanup.add(() -> delete(work));
        node1 = startNode(copy(distribution, work.resolve("node1")), n1Ns, "198.18.1.2");
        fingerprint1 = agentFingerprint(node1);
        node2 = startNode(copy(distribution, work.resolve("node2")), n2Ns, "198.18.2.2");
        fingerprint2 = agentFingerprint(node2);
        Path ctl = copy(distribution, work.resolve("controller"));
        addBootFeature(ctl, "jconntrack-remote");
        nodeConfiguration(ctl, "node1", "https://198.18.1.2:8443", CTL_ADMIN, "secret-a", fingerprint1);
        nodeConfiguration(ctl, "node2", "https://198.18.2.2:8443", CTL_ADMIN, "secret-a", fingerprint2);
        // The controller's heap is what the million-entry stream below must stay within.
        // (Karaf 4.4's scripts take JVM options from EXTRA_JAVA_OPTS; they do not read JAVA_MAX_MEM.)
        controller = ConsoleKaraf.startInNamespace(ctl, ctlNs.name(), List.of("env",
                "EXTRA_JAVA_OPTS=-Xms32m -Xmx64m"), "conntrack:count -N node2", Processes.Result::succeeded);
        cleanup.add(controller);
    }

    @AfterClass
    public static void stopAll() {
        closeInReverse(cleanup);
    }

    @Before
    public void bothNodesUpAndEmpty() {
        if (ProcessHandle.of(node2.pid()).map(h -> !h.isAlive()).orElse(true)) {
            restartNode2(); // the test that kills it failed before restarting it
        }
        n1Ns.conntrack("-F");
        n2Ns.conntrack("-F");
    }

    private static void restartNode2() {
        node2 = ConsoleKaraf.startInNamespace(node2.home(), n2Ns.name(), List.of(), "conntrack:count",
                Processes.Result::succeeded, NODE_CONSOLE_PASSWORD);
        cleanup.add(node2);
    }

    private static TestNamespace namespace(String prefix) {
        TestNamespace ns = TestNamespace.create(prefix);
        cleanup.add(ns);
        check(ns.exec("ip", "link", "set", "lo", "up"));
        return ns;
    }

    /** The nodes' console login: not karaf/karaf, which a node's agent beyond the loopback refuses to run with. */
    private static final String NODE_CONSOLE_PASSWORD = "node-console-" + Long.toHexString(System.nanoTime());

    private static ConsoleKaraf startNode(Path home, TestNamespace ns, String address) throws IOException {
        addBootFeature(home, "jconntrack-rest");
        Files.writeString(home.resolve("etc/io.jconntrack.rest.cfg"), "host = " + address + "\nport = 8443\n");
        // The agent listens beyond the loopback: it refuses to start while the development login karaf/karaf works.
        String users = Files.readString(home.resolve("etc/users.properties"))
                .replaceFirst("(?m)^karaf\\s*=\\s*karaf,", "karaf = " + NODE_CONSOLE_PASSWORD + ",");
        Files.writeString(home.resolve("etc/users.properties"), users
                + "\n" + CTL_ADMIN + " = secret-a,admin,viewer\n" + CTL_VIEWER + " = secret-v,viewer\n");
        ConsoleKaraf karaf = ConsoleKaraf.startInNamespace(home, ns.name(), List.of(), "conntrack:count",
                Processes.Result::succeeded, NODE_CONSOLE_PASSWORD);
        cleanup.add(karaf);
        return karaf;
    }

    private static Processes.Result console(String command) {
        return controller.client().batch(command);
    }

    private static Processes.Result ok(String command) {
        Processes.Result r = console(command);
        assertEquals(command + ": " + r, 0, r.exit());
        return r;
    }

    private static Processes.Result refused(String command, String expected) {
        Processes.Result r = console(command);
        assertEquals(command + " must fail: " + r, 1, r.exit());
        assertTrue(command + ": " + r, (r.out() + r.err()).contains(expected));
        return r;
    }

    @Test
    public void nodesAreUpWithTheirKernelAndEntryCount() {
        fill(n1Ns, 10, 3);
        String out = ok("conntrack:nodes --no-format").out();
        String kernel = System.getProperty("os.version");
        assertTrue(out, out.matches("(?s).*\\blocal\\s+-\\s+up\\s+[0-9.]+\\s+0\\s+" + Pattern.quote(kernel) + ".*"));
        assertTrue(out, out.matches("(?s).*\\bnode1\\s+https://198\\.18\\.1\\.2:8443/\\s+up\\s+[0-9.]+\\s+3\\s+"
                + Pattern.quote(kernel) + ".*"));
        assertTrue(out, out.matches("(?s).*\\bnode2\\s+https://198\\.18\\.2\\.2:8443/\\s+up\\s+[0-9.]+\\s+0\\s+.*"));
    }

    @Test
    public void listAndDeleteByZoneOnOneNode() {
        fill(n1Ns, 10, 3);
        fill(n1Ns, 11, 2);
        fill(n2Ns, 10, 4);
        String listed = ok("conntrack:list -N node1 -w 10 -o conntrack").out();
        List<String> ours = listed.lines().map(TestNamespace::withoutTimeout).sorted().toList();
        List<String> tool = n1Ns.listLines("-w", "10").stream().map(TestNamespace::withoutTimeout).sorted().toList();
        assertEquals(tool, ours);
        assertEquals("4", ok("conntrack:count -N node2 -w 10").out().strip());
        String deleted = ok("conntrack:delete -N node1 -w 10").out() + ok("conntrack:count -N node1").out();
        assertTrue(deleted, deleted.contains("3 flow entries have been deleted."));
        assertEquals("node1's zone 10 is gone", 0, n1Ns.cliCount("-w", "10"));
        assertEquals("node1's zone 11 is left", 2, n1Ns.cliCount("-w", "11"));
        assertEquals("node2 is untouched", 4, n2Ns.cliCount("-w", "10"));
        refused("conntrack:delete -N node1 -w 10", "0 flow entries have been deleted");
    }

    @Test
    public void countListAndDeleteByZoneOnAllNodes() {
        fill(n1Ns, 20, 2);
        fill(n2Ns, 20, 5);
        fill(n2Ns, 21, 1);
        String counted = ok("conntrack:count -N all -w 20").out();
        assertEquals("[local]\n0\n[node1]\n2\n[node2]\n5\n", counted.replace("\r", ""));
        String listed = ok("conntrack:list -N all -w 20 -o conntrack").out();
        assertEquals(listed, 2 + 5, listed.lines().filter(l -> l.contains("zone=20")).count());
        assertTrue(listed, listed.indexOf("[node1]") < listed.indexOf("[node2]"));
        ok("conntrack:delete -N all -w 20");
        assertEquals(0, n1Ns.cliCount("-w", "20"));
        assertEquals(0, n2Ns.cliCount("-w", "20"));
        assertEquals("another zone is left", 1, n2Ns.cliCount("-w", "21"));
        refused("conntrack:delete -N all -w 20", "on every node");
        ok("conntrack:flush -N all -w 21");
        assertEquals(0, n2Ns.cliCount());
    }

    @Test
    public void aWrongPasswordIsRefusedAndAViewerCannotDelete() {
        Path ctl = controller.home();
        nodeConfiguration(ctl, "node1-badpass", "https://198.18.1.2:8443", CTL_ADMIN, "wrong", fingerprint1);
        nodeConfiguration(ctl, "node1-viewer", "https://198.18.1.2:8443", CTL_VIEWER, "secret-v", fingerprint1);
        try {
            fill(n1Ns, 30, 2);
            awaitNode("node1-viewer");
            awaitNode("node1-badpass");
            refused("conntrack:count -N node1-badpass", "HTTP 401");
            assertEquals("2", ok("conntrack:count -N node1-viewer -w 30").out().strip());
            refused("conntrack:delete -N node1-viewer -w 30", "HTTP 403");
            refused("conntrack:flush -N node1-viewer -w 30", "lacks role 'admin'");
            assertEquals("nothing deleted by the viewer", 2, n1Ns.cliCount("-w", "30"));
        } finally {
            removeNode("node1-badpass");
            removeNode("node1-viewer");
        }
    }

    @Test
    public void aPinThatIsNotTheNodesCertificateIsRefused() {
        Path ctl = controller.home();
        nodeConfiguration(ctl, "node2-otherpin", "https://198.18.2.2:8443", CTL_ADMIN, "secret-a", fingerprint1);
        try {
            awaitNode("node2-otherpin");
            refused("conntrack:count -N node2-otherpin", "TLS failed");
        } finally {
            removeNode("node2-otherpin");
        }
    }

    private static void awaitNode(String name) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listsNode(name)) {
            assertTrue("node " + name + " registered from its etc/ file", System.nanoTime() < end);
            sleep(500);
        }
    }

    private static boolean listsNode(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s").matcher(console("conntrack:nodes --no-format")
                .out()).find();
    }

    private static void removeNode(String name) {
        try {
            Files.deleteIfExists(controller.home().resolve("etc/io.jconntrack.node-" + name + ".cfg"));
            Files.deleteIfExists(controller.home().resolve("etc/io.jconntrack.node-" + name + ".password"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (listsNode(name)) {
            assertTrue("node " + name + " gone with its etc/ file", System.nanoTime() < end);
            sleep(500);
        }
    }

    @Test
    public void eventsOfANodeReachTheControllerConsole() throws Exception {
        CompletableFuture<Processes.Result> events = CompletableFuture.supplyAsync(
                () -> console("conntrack:events -N node1 -w 40 -e NEW --count 1 --timeout 60"));
        // The subscription is open once the node's agent has a stream: poll its metrics for it.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            sleep(1000);
            n1Ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.40", "-d", "198.51.100.40", "--sport", "4040", "--dport",
                    "80", "-t", "600", "--state", "ESTABLISHED", "-w", "40");
            n1Ns.conntrack("-D", "-w", "40");
        } while (!events.isDone() && System.nanoTime() < end);
        Processes.Result r = events.get(60, TimeUnit.SECONDS);
        assertEquals(r.toString(), 0, r.exit());
        assertTrue(r.toString(), r.out().contains("[NEW] tcp "));
        assertTrue(r.toString(), r.out().contains("src=192.0.2.40 dst=198.51.100.40 sport=4040 dport=80"));
        assertTrue(r.toString(), r.out().contains("zone=40"));
    }

    @Test
    public void aKilledNodeFailsAloneAndWorksAgainAfterItRestarts() throws Exception {
        fill(n1Ns, 50, 2);
        fill(n2Ns, 50, 3);
        ProcessHandle.of(node2.pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(node2.pid()).ifPresent(h -> h.onExit().join());
        long start = System.nanoTime();
        Processes.Result r = refused("conntrack:count -N all -w 50", "1 of 3 nodes failed: node2");
        assertTrue(r.toString(), r.out().contains("[node1]\n2\n"));
        assertTrue(r.toString(), r.out().contains("[node2] failed: ") && r.out().contains(" on node 'node2'"));
        assertTrue(r.toString(), r.out().contains("unreachable"));
        assertTrue("a node that is down does not hold the others up: " + (System.nanoTime() - start) / 1_000_000
                + " ms", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
        String nodes = ok("conntrack:nodes --no-format").out();
        assertTrue(nodes, nodes.matches("(?s).*\\bnode2\\s+\\S+\\s+down\\b.*"));
        assertEquals("2", ok("conntrack:count -N node1 -w 50").out().strip());

        restartNode2();
        assertEquals("the restarted node kept its certificate", fingerprint2, agentFingerprint(node2));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Processes.Result back;
        do {
            back = console("conntrack:count -N node2 -w 50");
        } while (back.exit() != 0 && System.nanoTime() < end && sleepAndTrue(1000));
        assertEquals("node2 answers again without a controller restart: " + back, "3", back.out().strip());
    }

    private static boolean sleepAndTrue(long millis) {
        sleep(millis);
        return true;
    }

    /**
     * A million entries in node1 (made with {@code conntrack -R}, global conntrack maximum raised for the test and
     * restored), streamed through the controller's 64 MiB heap: {@code conntrack:zones} reads every entry from the
     * node's NDJSON stream and keeps only the per-zone counts.
     */
    @Test
    public void aMillionEntryStreamStaysWithinTheControllersHeap() throws Exception {
        int n = 1_000_000;
        Path lines = work.resolve("million.txt");
        StringBuilder b = new StringBuilder(n * 80);
        for (int i = 0; i < n; i++) {
            b.append("-I -p udp -s 10.").append(i >> 16).append('.').append((i >> 8) & 255).append('.')
                    .append(i & 255).append(" -d 198.51.100.1 --sport 1000 --dport 53 -t 600 -w 60\n");
        }
        Files.writeString(lines, b);
        try (GlobalConntrackMax max = GlobalConntrackMax.atLeast(n + 262_144)) {
            Processes.Result restored = n1Ns.exec("conntrack", "-R", lines.toString());
            assertTrue(restored.toString(), restored.succeeded());
            assertEquals(n, n1Ns.cliCount());
            Processes.Result zones = controller.client().withTimeout(java.time.Duration.ofSeconds(180))
                    .batch("conntrack:zones -N node1 --no-format");
            assertEquals(zones.toString(), 0, zones.exit());
            assertEquals(zones.out(), List.of("60 1000000"), zones.out().lines().map(l -> l.trim()
                    .replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList());
            n1Ns.conntrack("-F");
        }
        String log = Files.readString(controller.log());
        assertFalse("the controller ran out of memory", log.contains("OutOfMemoryError"));
        String cmdline = ProcessHandle.of(controller.pid()).orElseThrow().info().commandLine().orElse("");
        assertTrue("the controller runs with a 64 MiB heap: " + cmdline, cmdline.contains("-Xmx64m"));
    }

    /** The initial namespace's nf_conntrack_max (global: namespaces cannot raise their own), put back on close. */
    private static final class GlobalConntrackMax implements AutoCloseable {
        private static final Path MAX = Paths.get("/proc/sys/net/netfilter/nf_conntrack_max");
        private final long original;

        private GlobalConntrackMax(long original) {
            this.original = original;
        }

        static GlobalConntrackMax atLeast(long value) throws IOException {
            long original = read();
            if (original < value) {
                Files.writeString(MAX, Long.toString(value));
            }
            return new GlobalConntrackMax(original);
        }

        private static long read() throws IOException {
            try (InputStream in = Files.newInputStream(MAX)) { // procfs sizes read as 0: no readString
                return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
        }

        @Override
        public void close() throws IOException {
            if (read() != original) {
                Files.writeString(MAX, Long.toString(original));
            }
        }
    }
}
