package io.jconntrack.odltests;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * jconntrack installed into OpenDaylight's own distribution (odlparent's {@code opendaylight-karaf-empty}, from
 * Maven Central) running RESTCONF, in both orders, exactly as the README's OpenDaylight section tells a user: the KAR
 * with {@code kar:install} (or dropped into {@code deploy/}), then {@code feature:install -r jconntrack
 * jconntrack-rest jconntrack-remote}; to remove it {@code feature:uninstall -r}, the KAR, and {@code bundle:refresh}.
 *
 * <p>Checked each time: no bundle of the controller is refreshed, restarted or rewired (ids, states, services and
 * wiring compared before and after, and Karaf's deployment log); the dry run {@code feature:install -t -v} of the
 * three features would install jconntrack's five bundles and nothing else, and refresh nothing that the controller's
 * own no-op install would not; RESTCONF answers the same request the same way before and after; every jconntrack
 * bundle is Active and its components satisfied; {@code conntrack:*} commands work in a namespace of the test, also
 * through {@code -N} and the remote feature; the REST agent answers on its own port and nothing of jconntrack on the
 * controller's; uninstalling leaves the controller's bundles, services and wiring as they were.
 */
public class OdlCoexistenceIT {
    private static final String FEATURES = "jconntrack jconntrack-rest jconntrack-remote";
    private static final String UNINSTALL = "jconntrack-remote jconntrack-rest jconntrack";
    private static final String RESTCONF = "/rests/data/ietf-restconf-monitoring:restconf-state";
    private static final List<String> BUNDLES = List.of("io.jconntrack.api-bundle", "io.jconntrack.impl-bundle",
            "io.jconntrack.shell-bundle", "io.jconntrack.rest-bundle", "io.jconntrack.remote-bundle");
    /** Paths on the controller's HTTP port where a jconntrack or CXF endpoint would show. */
    private static final List<String> FOREIGN_PATHS = List.of("/cxf", "/cxf/", "/cxf/conntrack/v1/node",
            "/conntrack/v1/node", "/services");

    private final Http http = Http.plain();

    @BeforeClass
    public static void preconditions() {
        Preconditions.requireKernel();
    }

    /**
     * RESTCONF running first, installed as a new user does (feature:install at run time, which leaves the controller
     * in a state where any further install would refresh many of its bundles), then jconntrack from the KAR with
     * kar:install.
     */
    @Test
    public void intoRunningRestconf() {
        try (OdlKaraf odl = OdlKaraf.prepare("restconf-then-kar");
             TestNamespace ns = TestNamespace.create("jct-odl")) {
            int agentPort = chooseAgentPort(odl);
            odl.allowMavenCentral();
            odl.start();
            installRestconf(odl);
            Http.Answer restconf = awaitRestconf(odl);
            ContainerState before = awaitSettled(odl);
            Map<String, Http.Answer> controllerHttp = controllerHttp(odl);
            checkNothingOnControllerPort(odl, controllerHttp);
            Deployment baseline = dryRun(odl, "odl-restconf");

            odl.console("kar:install " + karFile().toUri());
            awaitKar(odl, true);
            checkDryRun(odl, baseline);
            Set<Long> ours = install(odl, before);
            checkConsole(odl, ns, ours);
            checkAgent(odl, ns, agentPort);
            checkRemote(odl, ns, agentPort);
            assertEquals("RESTCONF answers as before", restconf, restconf(odl));
            assertEquals("the controller's HTTP port answers as before", controllerHttp, controllerHttp(odl));
            checkNothingOnControllerPort(odl, controllerHttp(odl));
            assertEquals("nothing jconntrack installed was refreshed or restarted meanwhile", ours,
                    ContainerState.of(odl).jconntrackBundles());

            uninstall(odl, before, ours, () -> odl.console("kar:uninstall " + karName()));
            assertEquals("RESTCONF answers as before", restconf, restconf(odl));
            assertEquals("the controller's HTTP port answers as before", controllerHttp, controllerHttp(odl));
            assertEquals("agent port closed", 0, Http.trustingAgentOf(odl.home())
                    .get(agentUrl(agentPort, "node"), "karaf", "karaf").status());
        }
    }

    /**
     * jconntrack first, into the controller as it boots (its Maven settings untouched: the KAR dropped into deploy/
     * is all it has), then RESTCONF installed at run time as OpenDaylight users do, then jconntrack removed.
     */
    @Test
    public void beforeRestconf() {
        try (OdlKaraf odl = OdlKaraf.prepare("kar-then-restconf");
             TestNamespace ns = TestNamespace.create("jct-odl")) {
            int agentPort = chooseAgentPort(odl);
            odl.start();
            ContainerState before = awaitSettled(odl);
            Deployment baseline = dryRun(odl, "scr");

            copy(karFile(), odl.home().resolve("deploy").resolve(karFile().getFileName()));
            awaitKar(odl, true);
            checkDryRun(odl, baseline);
            Set<Long> ours = install(odl, before);
            checkConsole(odl, ns, ours);
            checkAgent(odl, ns, agentPort);
            checkRemote(odl, ns, agentPort);

            // RESTCONF after: Maven Central for its features (the test's setup), installed the way OpenDaylight's are.
            odl.allowMavenCentral();
            installRestconf(odl);
            Http.Answer restconf = awaitRestconf(odl);
            ContainerState withRestconf = awaitSettled(odl);
            assertEquals("installing RESTCONF did not reinstall jconntrack", ours, withRestconf.jconntrackBundles());
            assertEquals("every jconntrack bundle still Active", List.of(), withRestconf.notActive(ours));
            checkComponents(odl, ours);
            checkConsole(odl, ns, ours);
            checkAgent(odl, ns, agentPort);
            checkRemote(odl, ns, agentPort);
            Map<String, Http.Answer> controllerHttp = controllerHttp(odl);
            checkNothingOnControllerPort(odl, controllerHttp);

            uninstall(odl, withRestconf, ours, () -> {
                delete(odl.home().resolve("deploy").resolve(karFile().getFileName()));
                return "";
            });
            assertEquals("RESTCONF answers as before", restconf, restconf(odl));
            assertEquals("the controller's HTTP port answers as before", controllerHttp, controllerHttp(odl));
            assertEquals("agent port closed", 0, Http.trustingAgentOf(odl.home())
                    .get(agentUrl(agentPort, "node"), "karaf", "karaf").status());
        }
    }

    /**
     * Where the agent listens: written before jconntrack-rest is installed, as the README says (its configfile is
     * installed only when absent), on a free port of the loopback.
     */
    private static int chooseAgentPort(OdlKaraf odl) {
        int port = OdlKaraf.freePort();
        try {
            Files.writeString(odl.home().resolve("etc/io.jconntrack.rest.cfg"),
                    "host = 127.0.0.1\nport = " + port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return port;
    }

    /**
     * The dry run of the README's install, without its {@code -r}: it installs jconntrack's five bundles and nothing
     * else (no JNA, Jackson, BouncyCastle, CXF, Jetty: all inside or taken from the controller), and the bundles it
     * would refresh are only those that the controller's own no-op install ({@code baseline}) refreshes too.
     */
    private static void checkDryRun(OdlKaraf odl, Deployment baseline) {
        Deployment dryRun = dryRun(odl, FEATURES);
        System.out.println("dry run of feature:install " + FEATURES + ": " + dryRun);
        System.out.println("the controller's own no-op install: " + baseline);
        Set<String> installed = new TreeSet<>(dryRun.toInstall());
        installed.removeAll(baseline.toInstall());
        Set<String> expected = BUNDLES.stream()
                .map(b -> "mvn:io.jconntrack/" + b.substring("io.jconntrack.".length()) + "/" + version())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals("the bundles jconntrack's features install", expected, installed);
        Set<String> refreshed = dryRun.refreshedNames();
        refreshed.removeAll(baseline.refreshedNames());
        assertEquals("bundles the dry run would refresh beyond the controller's own no-op install", Set.of(),
                refreshed);
        for (String r : dryRun.toRefresh()) {
            assertFalse("a refresh caused by jconntrack: " + r, r.contains("io.jconntrack"));
        }
        Deployment readme = dryRun(odl, "-r " + FEATURES);
        assertEquals("the README's command refreshes nothing", List.of(), readme.toRefresh());
        assertEquals("the README's command installs the same bundles", dryRun.toInstall(), readme.toInstall());
    }

    /**
     * {@code feature:install -t -v ARGS}, a dry run: Karaf's deployer prints what it would do on the container's
     * console and logs it (not on the SSH session), so it is read from karaf.log.
     */
    private static Deployment dryRun(OdlKaraf odl, String args) {
        long mark = odl.logMark();
        odl.console("feature:install -t -v " + args);
        awaitTrue(() -> "no deployment logged for feature:install -t -v " + args, () -> {
            String log = odl.logSince(mark);
            return log.contains("Changes to perform:") || log.contains("No deployment change.");
        }, Duration.ofSeconds(30));
        return Deployment.parse(odl.logSince(mark));
    }

    /**
     * {@code feature:install -r} of the three features: the deployment stops and refreshes nothing, no bundle of the
     * controller changes, and jconntrack's five bundles are Active with every component satisfied.
     */
    private static Set<Long> install(OdlKaraf odl, ContainerState before) {
        long mark = odl.logMark();
        odl.console("feature:install -r " + FEATURES);
        ContainerState after = awaitSettled(odl);
        Set<Long> ours = after.jconntrackBundles();
        assertEquals("jconntrack's bundles: " + after.bundles(), BUNDLES.size(), ours.size());
        awaitTrue(() -> "jconntrack bundles not Active: " + ContainerState.of(odl).notActive(ours),
                () -> ContainerState.of(odl).notActive(ours).isEmpty(), Duration.ofSeconds(90));
        Deployment logged = Deployment.parse(odl.logSince(mark));
        assertEquals("bundles refreshed by the install", List.of(), logged.toRefresh());
        assertEquals("bundles stopped by the install", List.of(), logged.toStop());
        ContainerState settled = ContainerState.of(odl);
        assertEquals("the controller's bundles, services and wiring after the install", List.of(),
                settled.disturbancesSince(before, ours));
        checkComponents(odl, ours);
        return ours;
    }

    /**
     * No component of jconntrack waits for a reference (there is no Event Admin here): bundle:diag names none, and
     * the local service and the remote one are registered once the node is configured.
     */
    private static void checkComponents(OdlKaraf odl, Set<Long> ours) {
        for (long id : ours) {
            String diag = odl.console("bundle:diag " + id);
            assertFalse(diag, diag.contains("missing references") || diag.contains("Failure"));
        }
    }

    /** conntrack:* commands in a namespace of the test, checked with the conntrack tool there. */
    private static void checkConsole(OdlKaraf odl, TestNamespace ns, Set<Long> ours) {
        String n = ns.name();
        odl.console("conntrack:flush -n " + n);
        assertEquals("1 flow entries have been created.", odl.console("conntrack:create -n " + n
                + " -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1234 --dport 80 -t 120 --state ESTABLISHED").strip());
        assertEquals("the conntrack tool sees the entry", 1, ns.cliCount());
        assertEquals("1", odl.console("conntrack:count -n " + n).strip());
        String listed = odl.console("conntrack:list -n " + n + " -o conntrack");
        assertTrue(listed, listed.contains("src=192.0.2.1 dst=198.51.100.1 sport=1234 dport=80"));
    }

    /** The agent on its own HTTPS port, with Karaf's users: the entry of the namespace, and 401 without a login. */
    private static void checkAgent(OdlKaraf odl, TestNamespace ns, int port) {
        awaitTrue(() -> "no etc/jconntrack-rest.p12", () -> Files.exists(odl.home().resolve("etc/jconntrack-rest.p12.password")),
                Duration.ofSeconds(60));
        Http agent = Http.trustingAgentOf(odl.home());
        String count = agentUrl(port, "entries/count?netns=" + ns.name());
        awaitTrue(() -> "the agent does not answer on 127.0.0.1:" + port + ": " + agent.get(count, "karaf", "karaf"),
                () -> agent.get(count, "karaf", "karaf").status() == 200, Duration.ofSeconds(60));
        Http.Answer answer = agent.get(count, "karaf", "karaf");
        assertEquals("the agent counts the namespace's entry: " + answer, "{\"count\":1}",
                answer.body().replaceAll("\\s", ""));
        assertEquals(401, agent.get(count, null, null).status());
    }

    /** jconntrack-remote: a node named self, the agent above, pinned to its certificate; read with -N self. */
    private static void checkRemote(OdlKaraf odl, TestNamespace ns, int port) {
        try {
            // The password in a file of its owner's, named by passwordFile (relative to etc/), as the README says.
            java.nio.file.Path secret = odl.home().resolve("etc/io.jconntrack.node-self.password");
            Files.deleteIfExists(secret);
            Files.createFile(secret, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secret, "karaf\n");
            Files.writeString(odl.home().resolve("etc/io.jconntrack.node-self.cfg"), "name = self\n"
                    + "url = https://127.0.0.1:" + port + "\nusername = karaf\npasswordFile = "
                    + "io.jconntrack.node-self.password\nfingerprint = " + Http.agentFingerprint(odl.home()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = "conntrack:count -N self -n " + ns.name();
        awaitTrue(() -> command + " does not answer 1: " + odl.run(command),
                () -> "1".equals(odl.run(command).out().strip()), Duration.ofSeconds(60));
        String nodes = odl.console("conntrack:nodes");
        assertTrue(nodes, nodes.lines().anyMatch(l -> l.startsWith("self") && l.contains("up")));
    }

    /**
     * Nothing of jconntrack (or CXF) on the controller's HTTP port: the paths where one would be answer 404 (or
     * AAA's 401) and no CXF service list; no jconntrack bundle uses the controller's HTTP service or registers a
     * servlet for its whiteboard.
     */
    private static void checkNothingOnControllerPort(OdlKaraf odl, Map<String, Http.Answer> answers) {
        answers.forEach((path, a) -> {
            assertTrue(path + " answers " + a, a.status() == 404 || a.status() == 401);
            assertFalse(path + " answers " + a, a.body().contains("CXF") || a.body().contains("Service list")
                    || a.body().contains("RESTful") || a.body().contains("jconntrack"));
        });
        for (String service : List.of("org.osgi.service.http.HttpService", "javax.servlet.Servlet",
                "javax.servlet.Filter")) {
            List<String> bundles = providersAndUsers(odl.output("service:list " + service));
            assertFalse(service + " is provided or used by " + bundles,
                    bundles.stream().anyMatch(b -> b.contains("jconntrack")));
        }
    }

    /**
     * The README's removal: {@code feature:uninstall -r} of the three features, the KAR ({@code removeKar}), then
     * {@code bundle:refresh}, which refreshes only the bundles uninstalled. Afterwards the controller's bundles,
     * services and wiring are those of {@code before}, and nothing of jconntrack is left but its files in etc/.
     */
    private static void uninstall(OdlKaraf odl, ContainerState before, Set<Long> ours, Supplier<String> removeKar) {
        long mark = odl.logMark();
        odl.console("feature:uninstall -r " + UNINSTALL);
        removeKar.get();
        awaitKar(odl, false);
        odl.console("bundle:refresh");
        ContainerState after = awaitSettled(odl);
        Deployment logged = Deployment.parse(odl.logSince(mark));
        assertEquals("bundles refreshed by the uninstall", List.of(), logged.toRefresh());
        for (String stopped : logged.toStop()) {
            assertTrue("the uninstall stopped a bundle of the controller: " + stopped,
                    stopped.startsWith("io.jconntrack."));
        }
        assertEquals("no jconntrack bundle left", Set.of(), after.jconntrackBundles());
        assertEquals("the controller's bundles, services and wiring after the uninstall", List.of(),
                after.disturbancesSince(before, ours));
        Map<Long, String> bundlesBefore = new LinkedHashMap<>(before.bundles());
        bundlesBefore.keySet().removeAll(ours);
        assertEquals("the same bundles, in the same states", bundlesBefore, after.bundles());
        String features = odl.output("feature:list -i --no-format");
        assertFalse(features, features.contains("jconntrack"));
        try (var files = Files.list(odl.home().resolve("etc"))) {
            System.out.println("left in etc/ after the uninstall (configuration files stay, as Karaf leaves them): "
                    + files.map(p -> p.getFileName().toString()).filter(f -> f.contains("jconntrack")
                            || f.contains("acl.conntrack")).sorted().collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code feature:repo-add} of RESTCONF's features and {@code feature:install odl-restconf}, as OpenDaylight's users
     * install it (with Karaf's default refresh). Its own deployment refreshes Karaf's SSH bundles: the session may end
     * before the command answers, so the installation is read from feature:list.
     */
    private static void installRestconf(OdlKaraf odl) {
        awaitConsole(odl, "feature:repo-add " + OdlKaraf.restconfRepository());
        odl.run("feature:install odl-restconf");
        awaitTrue(() -> "odl-restconf not installed", () -> odl.output("feature:list -i --no-format")
                .contains("odl-restconf"), Duration.ofSeconds(300));
    }

    /** The bundles named under "Provided by :" and "Used by:" in service:list output. */
    private static List<String> providersAndUsers(String serviceList) {
        List<String> bundles = new java.util.ArrayList<>();
        boolean in = false;
        for (String line : serviceList.split("\n")) {
            if (line.startsWith("Provided by") || line.startsWith("Used by")) {
                in = true;
            } else if (in && line.startsWith(" ") && !line.isBlank()) {
                bundles.add(line.trim());
            } else {
                in = false;
            }
        }
        return bundles;
    }

    /** GETs of paths where a foreign endpoint would show, with and without the controller's login. */
    private Map<String, Http.Answer> controllerHttp(OdlKaraf odl) {
        Map<String, Http.Answer> answers = new LinkedHashMap<>();
        for (String path : FOREIGN_PATHS) {
            String url = "http://127.0.0.1:" + odl.httpPort() + path;
            answers.put(path, http.get(url, null, null));
            answers.put(path + " (admin)", http.get(url, "admin", "admin"));
        }
        return answers;
    }

    private Http.Answer restconf(OdlKaraf odl) {
        return http.get("http://127.0.0.1:" + odl.httpPort() + RESTCONF, "admin", "admin");
    }

    /**
     * RESTCONF answering 200, and the same answer twice (its state has settled). OpenDaylight 13.1.3 sometimes
     * comes up without AAA (seen once in eleven installs of odl-restconf alone, no jconntrack anywhere: its password
     * service waits for a configuration its bootstrap never gets, and every request is 401); a restart of the
     * controller brings it up. That restart is printed with what was waiting, and done at most once.
     */
    private Http.Answer awaitRestconf(OdlKaraf odl) {
        try {
            awaitTrue(() -> "RESTCONF does not answer 200", () -> restconf(odl).status() == 200,
                    Duration.ofSeconds(120));
        } catch (AssertionError e) {
            System.out.println("RESTCONF answers " + restconf(odl) + " 120 s after its install; bundles not Active: "
                    + notActive(odl) + "; " + odl.output("bundle:diag") + "\nrestarting OpenDaylight once");
            odl.close();
            odl.start();
            awaitTrue(() -> "RESTCONF does not answer 200 after a restart: " + restconf(odl)
                    + "; bundles not Active: " + notActive(odl), () -> restconf(odl).status() == 200,
                    Duration.ofSeconds(180));
        }
        Http.Answer first = restconf(odl);
        OdlKaraf.sleep(2_000);
        assertEquals("RESTCONF answers the same twice", first, restconf(odl));
        return first;
    }

    private static String notActive(OdlKaraf odl) {
        return odl.output("bundle:list -t 0 --no-format").lines()
                .filter(l -> l.matches("^\\s*\\d+\\t.*") && !l.contains("\tActive") && !l.contains("\tResolved"))
                .collect(Collectors.joining("; "));
    }

    /**
     * The state once it has settled: no bundle starting, stopping or in a grace period, and the same bundles and
     * services in two readings five seconds apart.
     */
    private static ContainerState awaitSettled(OdlKaraf odl) {
        long end = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        ContainerState last = null;
        while (true) {
            ContainerState now;
            try {
                now = ContainerState.of(odl);
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                OdlKaraf.sleep(5_000);
                continue;
            }
            if (last == null) {
                last = now;
                OdlKaraf.sleep(5_000);
                continue;
            }
            boolean moving = now.bundles().values().stream().anyMatch(b -> b.startsWith("Starting ")
                    || b.startsWith("Stopping ") || b.startsWith("GracePeriod ") || b.startsWith("Installed "));
            if (!moving && now.bundles().equals(last.bundles()) && now.services().equals(last.services())) {
                return now;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the container did not settle within 300 s: " + now.bundles());
            }
            last = now;
            OdlKaraf.sleep(5_000);
        }
    }

    private static void awaitKar(OdlKaraf odl, boolean present) {
        awaitTrue(() -> "kar:list: " + odl.run("kar:list").out(),
                () -> odl.run("kar:list").out().contains(karName()) == present, Duration.ofSeconds(60));
        if (present) {
            awaitTrue(() -> "feature:list does not show jconntrack", () -> odl.output("feature:list --no-format")
                    .contains("jconntrack-remote"), Duration.ofSeconds(60));
        }
    }

    /** A command that may fail while a configuration change is applied (pax-url's new repositories). */
    private static void awaitConsole(OdlKaraf odl, String command) {
        awaitTrue(() -> command + " fails: " + odl.run(command), () -> {
            Processes.Result r = odl.run(command);
            return r.succeeded() && !r.out().contains("Error executing command");
        }, Duration.ofSeconds(60));
    }

    /**
     * Waits until the condition holds. A condition that fails (a console session refused while the controller's own
     * deployment restarts its SSH bundles: "Failed to get the session.") counts as not yet.
     */
    private static void awaitTrue(Supplier<String> message, BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                AssertionError failed = new AssertionError(message.get());
                if (last != null) {
                    failed.addSuppressed(last);
                }
                throw failed;
            }
            OdlKaraf.sleep(2_000);
        }
    }

    private static String agentUrl(int port, String resource) {
        return "https://127.0.0.1:" + port + "/conntrack/v1/" + resource;
    }

    private static Path karFile() {
        return Paths.get(OdlKaraf.property("jconntrack.kar")).toAbsolutePath();
    }

    private static String karName() {
        String f = karFile().getFileName().toString();
        return f.substring(0, f.length() - ".kar".length());
    }

    private static String version() {
        return OdlKaraf.property("jconntrack.version");
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
