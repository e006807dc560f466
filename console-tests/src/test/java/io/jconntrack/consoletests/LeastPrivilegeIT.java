package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 16, least privilege: the distribution installed by {@code scripts/install-service.sh} into a staging root
 * (owned by root, only {@code data/} and {@code etc/} owned by the service's user, here {@code nobody}) is started as
 * that user with exactly the granted capabilities, ambient, as the systemd unit grants them
 * ({@code setpriv --reuid nobody --regid nogroup --clear-groups --no-new-privs --inh-caps --ambient-caps
 * --bounding-set}), inside a namespace of the test, so that its "own" namespace is never the initial one. For each of
 * three capability sets one Karaf boots and {@code conntrack:create/list/delete} run with and without {@code -n}
 * through bin/client; the table of each namespace is checked with the conntrack tool.
 */
public class LeastPrivilegeIT {
    private static final long CAP_NET_ADMIN = 1L << 12;
    private static final long CAP_SYS_ADMIN = 1L << 21;
    private static final String USER = "nobody";
    private static final String CREATE = "conntrack:create -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 40000 "
            + "--dport 80 -t 300 --state ESTABLISHED";
    private static final String LIST = "conntrack:list -p tcp --dport 80";
    private static final String DELETE = "conntrack:delete -p tcp --dport 80";

    private static Path staging;
    private static Path home;
    private static FileTime started;

    @BeforeClass
    public static void install() throws IOException {
        Preconditions.requireExecutable("setpriv", "util-linux");
        if (Processes.run(List.of("id", "-u", USER)).exit() != 0) {
            Preconditions.skip("no user '" + USER + "' to run the assembly as");
        }
        started = FileTime.fromMillis(System.currentTimeMillis() - 1000);
        // A private directory (0755, root's) in java.io.tmpdir: every directory above the home must be searchable by
        // the service's user, which a build directory under /root is not.
        staging = Files.createTempDirectory("jct-lp-");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Processes.Result r = installInto(staging.resolve("root"));
        assertTrue("install-service.sh failed: " + r, r.succeeded());
        home = staging.resolve("root/opt/jconntrack");
    }

    @AfterClass
    public static void removeStaging() throws IOException {
        if (staging == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    public void theInstallScriptIsIdempotentAndLeavesOnlyDataAndEtcToTheUser() {
        List<String> first = listing(staging.resolve("root"));
        Processes.Result again = installInto(staging.resolve("root"));
        assertTrue("second run failed: " + again, again.succeeded());
        assertEquals("a second run changes nothing", first, listing(staging.resolve("root")));
        for (String line : first) {
            String path = line.substring(line.lastIndexOf(' ') + 1);
            boolean writable = path.startsWith("./opt/jconntrack/data") || path.startsWith("./opt/jconntrack/etc");
            assertTrue("owner of " + line, line.startsWith(writable ? USER + " " : "root "));
        }
        String unit = read(staging.resolve("root/etc/systemd/system/jconntrack.service"));
        assertTrue(unit, unit.contains("\nUser=" + USER + "\n"));
        assertTrue(unit, unit.contains("\nAmbientCapabilities=CAP_NET_ADMIN CAP_SYS_ADMIN\n"));
        assertTrue(unit, unit.contains("\nCapabilityBoundingSet=CAP_NET_ADMIN CAP_SYS_ADMIN\n"));
        assertTrue(unit, unit.contains("\nReadWritePaths=/opt/jconntrack/data /opt/jconntrack/etc\n"));
    }

    /** The unit as shipped, with its paths pointing at the staged home, so that its ExecStart exists. */
    @Test
    public void theUnitVerifies() throws IOException {
        if (Preconditions.executable("systemd-analyze").isEmpty()) {
            Preconditions.skip("no systemd-analyze to verify jconntrack.service");
        }
        Path dir = Files.createDirectory(staging.resolve("verify"));
        Path unit = dir.resolve("jconntrack.service");
        Files.writeString(unit, read(home.resolve("bin/contrib/jconntrack.service"))
                .replace("/opt/jconntrack", home.toString()));
        Processes.Result r = Processes.run(List.of("systemd-analyze", "verify", unit.toString()));
        System.out.println("systemd-analyze verify: " + r);
        assertEquals("systemd-analyze verify: " + r, 0, r.exit());
        assertFalse("systemd-analyze complains about the unit: " + r, (r.out() + r.err()).contains(unit.toString()));
    }

    @Test
    public void withBothCapabilitiesEverythingWorks() {
        try (TestNamespace own = namespace(); TestNamespace other = namespace();
             ConsoleKaraf karaf = startAs(own, CAP_NET_ADMIN | CAP_SYS_ADMIN, "conntrack:count", ok())) {
            assertCapabilities(karaf, CAP_NET_ADMIN | CAP_SYS_ADMIN);
            assertLogged(karaf, "jconntrack: has CAP_NET_ADMIN and CAP_SYS_ADMIN (CapEff 0000000000201000)");
            createListDelete(karaf, own, "");
            createListDelete(karaf, other, " -n " + other.name());
            assertNothingInSharedTmp();
        }
    }

    @Test
    public void withCapNetAdminAloneOnlyTheOwnNamespaceWorks() {
        try (TestNamespace own = namespace(); TestNamespace other = namespace();
             ConsoleKaraf karaf = startAs(own, CAP_NET_ADMIN, "conntrack:count", ok())) {
            assertCapabilities(karaf, CAP_NET_ADMIN);
            assertLogged(karaf, "no CAP_SYS_ADMIN: only the controller's own network namespace is reachable");
            createListDelete(karaf, own, "");
            other.createTcp("192.0.2.1", "198.51.100.1", 40000, 80, 0);
            for (String c : List.of(CREATE, LIST, DELETE)) {
                assertRefused(karaf, c + " -n " + other.name(), "CAP_SYS_ADMIN");
            }
            assertEquals("the other namespace's table is unchanged", 1, other.cliCount());
            assertNothingInSharedTmp();
        }
    }

    @Test
    public void withNeitherEveryCommandFailsNamingCapNetAdmin() {
        try (TestNamespace own = namespace(); TestNamespace other = namespace();
             ConsoleKaraf karaf = startAs(own, 0, "conntrack:count", r -> r.out().contains("EPERM"))) {
            assertCapabilities(karaf, 0);
            assertLogged(karaf, "jconntrack: has neither CAP_NET_ADMIN nor CAP_SYS_ADMIN");
            own.createTcp("192.0.2.1", "198.51.100.1", 40000, 80, 0);
            for (String c : List.of(CREATE, LIST, DELETE)) {
                assertRefused(karaf, c, "CAP_NET_ADMIN");
            }
            assertRefused(karaf, LIST + " -n " + other.name(), "CAP_NET_ADMIN");
            assertEquals("the own namespace's table is unchanged", 1, own.cliCount());
            assertNothingInSharedTmp();
        }
    }

    /**
     * Nothing of the service's user appeared in a world-writable directory since the install (HotSpot's
     * /tmp/hsperfdata_USER would, without bin/setenv's -XX:+PerfDisableSharedMem).
     */
    private static void assertNothingInSharedTmp() {
        for (String dir : List.of("/tmp", "/var/tmp", "/dev/shm")) {
            Processes.Result r = Processes.run(List.of("find", dir, "-maxdepth", "2", "-user", USER, "-newermt",
                    "@" + started.toMillis() / 1000));
            assertEquals("files of " + USER + " in " + dir + ": " + r.out(), "", r.out().trim());
        }
    }

    private static void createListDelete(ConsoleKaraf karaf, TestNamespace ns, String netns) {
        Processes.Result created = karaf.client().command(CREATE + netns);
        assertTrue(created.toString(), created.succeeded());
        assertEquals(ns.listLines().toString(), 1, ns.cliCount("-p", "tcp", "--dport", "80"));
        Processes.Result listed = karaf.client().command(LIST + netns);
        assertTrue(listed.toString(), listed.succeeded() && listed.out().contains("198.51.100.1"));
        Processes.Result deleted = karaf.client().command(DELETE + netns);
        assertTrue(deleted.toString(), deleted.succeeded());
        assertEquals(0, ns.cliCount());
    }

    /** Exit status 1 and one error line naming EPERM and the missing capability. */
    private static void assertRefused(ConsoleKaraf karaf, String command, String capability) {
        Processes.Result r = karaf.client().command(command);
        assertEquals(command + ": " + r, 1, r.exit());
        String error = r.out().lines().filter(l -> l.contains("Error executing command: ")).findFirst()
                .orElseThrow(() -> new AssertionError(command + ": no error line in " + r));
        assertTrue(command + ": " + error, error.contains("EPERM") && error.contains(capability + " is required"));
    }

    /** CapEff and CapBnd of the Karaf JVM are exactly the granted set. */
    private static void assertCapabilities(ConsoleKaraf karaf, long granted) {
        String status = read(Paths.get("/proc", Long.toString(karaf.pid()), "status"));
        for (String set : List.of("CapEff", "CapBnd")) {
            String line = status.lines().filter(l -> l.startsWith(set + ":")).findFirst().orElseThrow();
            assertEquals(line, granted, Long.parseUnsignedLong(line.substring(set.length() + 1).trim(), 16));
        }
        String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        String nobody = Processes.run(List.of("id", "-u", USER)).out().trim();
        assertTrue(uid, uid.matches("Uid:\\s+" + nobody + "\\s+" + nobody + "\\s+" + nobody + "\\s+" + nobody));
    }

    private static void assertLogged(ConsoleKaraf karaf, String text) {
        String log = read(karaf.log());
        assertTrue("karaf.log has no '" + text + "'", log.contains(text));
    }

    /**
     * Issue 23: the node agent's assembly, installed by the same script with the same unit, runs as the service's
     * user with both capabilities, with its bounded JVM (etc/jvm.options through bin/setenv, as the unit's
     * {@code bin/karaf daemon} would read it) and its console on the loopback.
     */
    @Test
    public void theAgentDistributionInstallsAndRunsTheSame() throws IOException {
        Path root = staging.resolve("agent-root");
        Processes.Result r = installInto(root, System.getProperty("agent.home"));
        assertTrue("install-service.sh --assembly AGENT failed: " + r, r.succeeded());
        Path agent = root.resolve("opt/jconntrack");
        String unit = read(root.resolve("etc/systemd/system/jconntrack.service"));
        assertTrue(unit, unit.contains("\nAmbientCapabilities=CAP_NET_ADMIN CAP_SYS_ADMIN\n"));
        assertTrue("the agent's JVM options are installed", Files.isRegularFile(agent.resolve("etc/jvm.options")));
        try (TestNamespace own = namespace(); TestNamespace other = namespace();
             ConsoleKaraf karaf = startAs(agent, own, CAP_NET_ADMIN | CAP_SYS_ADMIN, "conntrack:count", ok())) {
            assertCapabilities(karaf, CAP_NET_ADMIN | CAP_SYS_ADMIN);
            String commandLine = ProcessHandle.of(karaf.pid()).flatMap(h -> h.info().commandLine()).orElse("");
            assertTrue(commandLine, commandLine.contains("-Xmx64m") && commandLine.contains("-XX:+UseSerialGC"));
            createListDelete(karaf, own, "");
            createListDelete(karaf, other, " -n " + other.name());
        }
    }

    private static ConsoleKaraf startAs(TestNamespace own, long granted, String ready,
                                        Predicate<Processes.Result> answered) {
        return startAs(home, own, granted, ready, answered);
    }

    private static ConsoleKaraf startAs(Path karafHome, TestNamespace own, long granted, String ready,
                                        Predicate<Processes.Result> answered) {
        StringBuilder set = new StringBuilder("-all");
        if ((granted & CAP_NET_ADMIN) != 0) {
            set.append(",+net_admin");
        }
        if ((granted & CAP_SYS_ADMIN) != 0) {
            set.append(",+sys_admin");
        }
        List<String> setpriv = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + group(),
                "--clear-groups", "--no-new-privs", "--inh-caps=" + set, "--bounding-set=" + set));
        if (granted != 0) {
            setpriv.add("--ambient-caps=" + set);
        }
        return ConsoleKaraf.startInNamespace(karafHome, own.name(), setpriv, ready, answered);
    }

    private static Predicate<Processes.Result> ok() {
        return Processes.Result::succeeded;
    }

    private static String group() {
        return Processes.run(List.of("id", "-gn", USER)).out().trim();
    }

    private static TestNamespace namespace() {
        TestNamespace ns = TestNamespace.create("jct-lp");
        Processes.Result up = ns.exec("ip", "link", "set", "lo", "up");
        if (!up.succeeded()) {
            ns.close();
            throw new IllegalStateException("ip link set lo up: " + up);
        }
        return ns;
    }

    private static Processes.Result installInto(Path root) {
        return installInto(root, System.getProperty("karaf.home"));
    }

    private static Processes.Result installInto(Path root, String assembly) {
        String script = System.getProperty("install.script");
        return Processes.run(List.of(script, "--root", root.toString(), "--user", USER, "--assembly", assembly));
    }

    /** {@code OWNER MODE PATH} of every file under {@code root}, sorted. */
    private static List<String> listing(Path root) {
        Processes.Result r = Processes.run(List.of("find", ".", "-printf", "%u %m %p\\n"), root,
                Processes.Input.NONE, Processes.DEFAULT_TIMEOUT);
        assertTrue(r.toString(), r.succeeded());
        return r.out().lines().sorted().collect(Collectors.toList());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
