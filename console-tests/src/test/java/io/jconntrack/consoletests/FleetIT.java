package io.jconntrack.consoletests;

import static io.jconntrack.consoletests.NodeFixtures.agentFingerprint;
import static io.jconntrack.consoletests.NodeFixtures.addBootFeature;
import static io.jconntrack.consoletests.NodeFixtures.check;
import static io.jconntrack.consoletests.NodeFixtures.closeInReverse;
import static io.jconntrack.consoletests.NodeFixtures.copy;
import static io.jconntrack.consoletests.NodeFixtures.delete;
import static io.jconntrack.consoletests.NodeFixtures.fill;
import static io.jconntrack.consoletests.NodeFixtures.link;
import static io.jconntrack.consoletests.NodeFixtures.nodeConfiguration;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 23, behaviour not timings: a controller (the full distribution with {@code jconntrack-remote}) and four node
 * agents from the agent distribution, each in a network namespace of the test, linked to the controller's by a veth
 * pair on a private test subnet (198.18.21.0/30 ... 198.18.24.0/30). One agent is frozen ({@code SIGSTOP}: its
 * kernel still accepts connections, nothing answers): every {@code --node all} command fails that node alone within
 * its request timeout, with the other nodes' parts complete and right (checked with the conntrack tool in their
 * namespaces), and {@code conntrack:nodes} shows it down without waiting for it. All through the controller's
 * bin/client.
 */
public class FleetIT {
    private static final int NODES = 4;
    private static final int FROZEN = 3;
    private static final int REQUEST_TIMEOUT_SECONDS = 5;
    /** Far above the request timeout plus a bin/client start, far below "waits forever". */
    private static final long BOUND_SECONDS = 45;
    private static final String ADMIN = "fleetadmin";
    private static final String NODE_CONSOLE_PASSWORD = "fleet-console-" + Long.toHexString(System.nanoTime());

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static final List<TestNamespace> nodeNs = new ArrayList<>();
    private static final List<ConsoleKaraf> agents = new ArrayList<>();
    private static TestNamespace ctlNs;
    private static ConsoleKaraf controller;

    @BeforeClass
    public static void startControllerAndAgents() throws IOException {
        Preconditions.requireKernel();
        Path work = Files.createTempDirectory(Paths.get(System.getProperty("java.io.tmpdir")), "jct-fleet-");
        cleanup.add(() -> delete(work));
        ctlNs = namespace("jct-fctl");
        Path agentHome = Paths.get(System.getProperty("agent.home"));
        Path ctl = copy(Paths.get(System.getProperty("karaf.home")), work.resolve("controller"));
        addBootFeature(ctl, "jconntrack-remote");
        for (int i = 1; i <= NODES; i++) {
            TestNamespace ns = namespace("jct-fn" + i);
            nodeNs.add(ns);
            link(ctlNs, address(i, 1), ns, address(i, 2));
            ConsoleKaraf agent = startAgent(copy(agentHome, work.resolve("node" + i)), ns, address(i, 2));
            agents.add(agent);
            nodeConfiguration(ctl, "node" + i, "https://" + address(i, 2) + ":8443", ADMIN, "secret-f",
                    agentFingerprint(agent), "requestTimeoutSeconds = " + REQUEST_TIMEOUT_SECONDS
                            + "\nconnectTimeoutSeconds = 2\n");
        }
        controller = ConsoleKaraf.startInNamespace(ctl, ctlNs.name(), List.of("env", "EXTRA_JAVA_OPTS=-Xmx64m"),
                "conntrack:count -N all", Processes.Result::succeeded);
        cleanup.add(controller);
    }

    private static String address(int node, int host) {
        return "198.18." + (20 + node) + "." + host;
    }

    private static TestNamespace namespace(String prefix) {
        TestNamespace ns = TestNamespace.create(prefix);
        cleanup.add(ns);
        check(ns.exec("ip", "link", "set", "lo", "up"));
        return ns;
    }

    /** An agent on its veth address (beyond the loopback: not with the development login). */
    private static ConsoleKaraf startAgent(Path home, TestNamespace ns, String address) throws IOException {
        Files.writeString(home.resolve("etc/io.jconntrack.rest.cfg"), "host = " + address + "\nport = 8443\n");
        String users = Files.readString(home.resolve("etc/users.properties"))
                .replaceFirst("(?m)^karaf\\s*=\\s*karaf,", "karaf = " + NODE_CONSOLE_PASSWORD + ",");
        Files.writeString(home.resolve("etc/users.properties"), users + "\n" + ADMIN + " = secret-f,admin,viewer\n");
        ConsoleKaraf agent = ConsoleKaraf.startInNamespace(home, ns.name(), List.of(), "conntrack:count",
                Processes.Result::succeeded, NODE_CONSOLE_PASSWORD);
        cleanup.add(agent);
        return agent;
    }

    @AfterClass
    public static void stopAll() {
        thaw();
        closeInReverse(cleanup);
    }

    @Before
    public void emptyTables() {
        thaw();
        nodeNs.forEach(ns -> ns.conntrack("-F"));
    }

    private static void freeze() {
        check(Processes.run(List.of("kill", "-STOP", Long.toString(agents.get(FROZEN - 1).pid()))));
    }

    private static void thaw() {
        if (agents.size() >= FROZEN) {
            Processes.run(List.of("kill", "-CONT", Long.toString(agents.get(FROZEN - 1).pid())));
        }
    }

    /** The command through the controller's bin/client, and how long it took. */
    private record Timed(Processes.Result result, long seconds) {
    }

    private static Timed console(String command) {
        long start = System.nanoTime();
        Processes.Result r = controller.client().batch(command);
        Timed t = new Timed(r, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        System.out.println("FleetIT: " + command + ": exit " + r.exit() + " in " + t.seconds() + " s");
        return t;
    }

    /** The command failed (exit 1) naming the frozen node alone, within the bound. */
    private static String failedOnFrozenOnly(String command) {
        Timed t = console(command);
        String all = (t.result().out() + t.result().err()).replace("\r", "");
        assertEquals(command + ": " + t.result(), 1, t.result().exit());
        assertTrue(command + ": " + all, all.contains("1 of " + (NODES + 1) + " nodes failed: node" + FROZEN));
        assertTrue(command + ": " + all, all.contains("[node" + FROZEN + "] failed: "));
        assertTrue(command + " took " + t.seconds() + " s", t.seconds() < BOUND_SECONDS);
        return t.result().out().replace("\r", "");
    }

    @Test
    public void aFrozenNodeFailsAloneWithinItsTimeout() {
        for (int i = 1; i <= NODES; i++) {
            fill(nodeNs.get(i - 1), 40, i);
            fill(nodeNs.get(i - 1), 41, i);
        }
        freeze();
        String counted = failedOnFrozenOnly("conntrack:count -N all -w 40");
        for (int i = 1; i <= NODES; i++) {
            if (i != FROZEN) {
                assertTrue(counted, counted.contains("[node" + i + "]\n" + i + "\n"));
            }
        }
        assertTrue(counted, counted.contains("node unreachable at https://" + address(FROZEN, 2) + ":8443"));

        String listed = failedOnFrozenOnly("conntrack:list -N all -w 41 -o conntrack");
        long expected = 0;
        int previous = -1;
        for (int i = 1; i <= NODES; i++) {
            int at = listed.indexOf("[node" + i + "]");
            assertTrue("node parts in order: " + listed, at > previous);
            previous = at;
            if (i != FROZEN) {
                expected += i;
            }
        }
        assertEquals(listed, expected, listed.lines().filter(l -> l.contains("zone=41")).count());

        failedOnFrozenOnly("conntrack:delete -N all -w 40");
        for (int i = 1; i <= NODES; i++) {
            assertEquals("node" + i + "'s zone 40", i == FROZEN ? FROZEN : 0, nodeNs.get(i - 1).cliCount("-w", "40"));
            assertEquals("node" + i + "'s zone 41 is left", i, nodeNs.get(i - 1).cliCount("-w", "41"));
        }

        thaw();
        Timed after = console("conntrack:count -N all -w 40");
        assertEquals("thawed: " + after.result(), 0, after.result().exit());
        assertTrue(after.result().out(), after.result().out().replace("\r", "").contains("[node" + FROZEN + "]\n"
                + FROZEN + "\n"));
    }

    @Test
    public void eventsOfAllNodesComeAtOnceAndAFrozenOneFailsAlone() throws Exception {
        freeze();
        CompletableFuture<Timed> events = CompletableFuture.supplyAsync(
                () -> console("conntrack:events -N all -e NEW -w 50 --timeout 15"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(13);
        for (int round = 1; System.nanoTime() < end && !events.isDone(); round++) {
            for (int i = 1; i <= NODES; i++) {
                if (i != FROZEN) {
                    nodeNs.get(i - 1).conntrack("-I", "-p", "udp", "-s", "192.0.2.50", "-d", "198.51.100.1",
                            "--sport", Integer.toString(1000 + round), "--dport", "53", "-t", "600", "-w", "50");
                }
            }
            Thread.sleep(200);
        }
        Timed t = events.get(BOUND_SECONDS, TimeUnit.SECONDS);
        String out = t.result().out().replace("\r", "");
        assertEquals(t.result().toString(), 1, t.result().exit());
        assertTrue(out, out.contains("[node" + FROZEN + "] failed: "));
        for (int i = 1; i <= NODES; i++) {
            boolean shown = Pattern.compile("(?m)^\\[node" + i + "\\] +\\[NEW\\] udp .*zone=50").matcher(out).find();
            assertEquals("events of node" + i + ": " + out, i != FROZEN, shown);
        }
    }

    @Test
    public void nodesShowsAFrozenNodeDownWithoutWaitingForIt() {
        freeze();
        Timed t = console("conntrack:nodes --no-format --timeout 3");
        String out = t.result().out().replace("\r", "");
        assertEquals(t.result().toString(), 0, t.result().exit());
        assertTrue("conntrack:nodes took " + t.seconds() + " s", t.seconds() < BOUND_SECONDS - REQUEST_TIMEOUT_SECONDS);
        for (int i = 1; i <= NODES; i++) {
            // Frozen: not answered within 3 s, or (its listen queue full of the other tests' connections) not even
            // connected within the node's 2 s connect timeout.
            String state = i == FROZEN ? "down\\s+-\\s+-\\s+-\\s+(no answer within 3 s|.*node unreachable)"
                    : "up\\s+[0-9.]+\\s+0\\s+";
            assertTrue(out, Pattern.compile("(?m)^node" + i + "\\s+https://" + Pattern.quote(address(i, 2))
                    + ":8443/\\s+" + state).matcher(out).find());
        }
    }

    @Test
    public void theAgentRunsBoundedWithItsConsoleOnTheLoopbackOnly() throws IOException {
        ConsoleKaraf agent = agents.get(0);
        String commandLine = ProcessHandle.of(agent.pid()).flatMap(h -> h.info().commandLine()).orElse("");
        assertTrue(commandLine, commandLine.contains("-Xmx64m") && commandLine.contains("-XX:+UseSerialGC"));
        String shell = Files.readString(agent.home().resolve("etc/org.apache.karaf.shell.cfg"));
        assertTrue(shell, shell.contains("sshHost = 127.0.0.1"));
        // Its SSH port, which answers its own bin/client on 127.0.0.1, refuses a connection from the controller.
        assertTrue(tcpConnect(nodeNs.get(0), "127.0.0.1", agent.sshPort()).toString(),
                tcpConnect(nodeNs.get(0), "127.0.0.1", agent.sshPort()).succeeded());
        Processes.Result remote = tcpConnect(ctlNs, address(1, 2), agent.sshPort());
        assertFalse("the agent's console is reachable beyond its loopback: " + remote, remote.succeeded());
    }

    private static Processes.Result tcpConnect(TestNamespace from, String host, int port) {
        return from.exec("timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port);
    }
}
