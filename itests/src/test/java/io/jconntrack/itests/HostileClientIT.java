package io.jconntrack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.net.ssl.SSLSocket;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The REST agent against a hostile client, one test per probe of the hostile-client review: what a read-only login
 * (or no login) can do must not take the agent, its container or other users down, nor reveal its internals.
 * Limits are configured small here so that they are reached quickly; the probes are the same at any size.
 */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostileClientIT extends KarafTestSupport {
    private static final String ADMIN = "hostadmin";
    private static final String ADMIN_PASSWORD = "secret-a";
    private static final String VIEWER = "hostviewer";
    private static final String VIEWER_PASSWORD = "secret-v";
    /** A login of the realm whose password is its name: the agent must not listen beyond the loopback with it. */
    private static final String WEAK_USER = "weakling";
    /**
     * Where the test makes FIFOs, devices, files and links to namespaces, allowed as namespace paths. A fixed path:
     * the configuration is written by the JVM that starts the container, the tests run in the container's.
     */
    private static final Path PLAYGROUND = Paths.get("/tmp/jct-hostile-playground");
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final int MAX_FAILURES_LISTED = 100;
    private static final int MAX_LOGIN_FAILURES = 5;
    private static final int LOGIN_WINDOW_SECONDS = 5;
    private static final int MAX_EVENT_STREAMS = 8;
    private static final int MAX_CONNECTIONS = 48;
    /** Three: as many list streams as a namespace's pool lets run at once (its fourth socket is for short calls). */
    private static final int MAX_LIST_STREAMS_PER_USER = 3;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    /**
     * One client for the class: every client keeps its idle connections open for minutes, and those of a client per
     * test would add up against the agent's small connection bound here.
     */
    private static PinnedHttps https;
    private static int port;

    @Override
    protected String[] bootFeatures() {
        return new String[] {FEATURE, "jconntrack-rest"};
    }

    @Override
    protected Option[] extraOptions() {
        String rest = "etc/io.jconntrack.rest.cfg";
        return new Option[] {
            editConfigurationFilePut(rest, "host", "127.0.0.1"),
            editConfigurationFilePut(rest, "port", freePort()),
            editConfigurationFilePut(rest, "allowedNamespacePaths", "/run/netns/*, " + PLAYGROUND + "/*"),
            editConfigurationFilePut(rest, "maxBodyBytes", Integer.toString(MAX_BODY)),
            editConfigurationFilePut(rest, "maxFailuresListed", Integer.toString(MAX_FAILURES_LISTED)),
            editConfigurationFilePut(rest, "maxEventStreams", Integer.toString(MAX_EVENT_STREAMS)),
            editConfigurationFilePut(rest, "maxListStreamsPerUser", Integer.toString(MAX_LIST_STREAMS_PER_USER)),
            editConfigurationFilePut(rest, "maxLoginFailures", Integer.toString(MAX_LOGIN_FAILURES)),
            editConfigurationFilePut(rest, "loginWindowSeconds", Integer.toString(LOGIN_WINDOW_SECONDS)),
            editConfigurationFilePut(rest, "maxConnections", Integer.toString(MAX_CONNECTIONS)),
            editConfigurationFilePut("etc/users.properties", ADMIN, ADMIN_PASSWORD + ",admin,viewer"),
            editConfigurationFilePut("etc/users.properties", VIEWER, VIEWER_PASSWORD + ",viewer"),
            editConfigurationFilePut("etc/users.properties", WEAK_USER, WEAK_USER + ",viewer"),
        };
    }

    @Before
    public void connect() throws Exception {
        awaitSettled();
        AgentLog agent = AgentLog.await();
        if (https == null) {
            port = agent.port(); // the same port and certificate after the agent restarts
            https = new PinnedHttps("https://127.0.0.1:" + port + "/conntrack/v1", agent.fingerprint());
        }
        clean(); // a run that was killed may have left it
        Files.createDirectories(PLAYGROUND);
    }

    @After
    public void clean() throws Exception {
        if (!Files.isDirectory(PLAYGROUND)) {
            return;
        }
        try (Stream<Path> files = Files.list(PLAYGROUND)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f); // the test's directories are empty
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        Files.deleteIfExists(PLAYGROUND);
    }

    // --- namespaces are identified by what they are -----------------------------------------------------------

    @Test
    public void aThousandSpellingsOfOneNamespaceShareItsSockets() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            int before = NetlinkSockets.count(ns.name());
            for (int i = 0; i < 1000; i++) {
                String spelling = switch (i % 4) {
                    case 0 -> link("ns-" + i, Paths.get("/run/netns", ns.name())).toString();
                    case 1 -> "/run/netns//" + ns.name();
                    case 2 -> "/run/netns/./" + ns.name();
                    default -> ns.name();
                };
                HttpResponse<String> r = https.send(viewer("/entries/count?netns=" + spelling));
                assertEquals(spelling + ": " + r.body(), 200, r.statusCode());
            }
            int after = NetlinkSockets.count(ns.name());
            assertTrue("one pool of at most 4 sockets for every spelling: " + before + " -> " + after,
                    after - before <= 4);
        }
    }

    @Test
    public void whatIsNotANetworkNamespaceIsRefusedAtOnce() throws Exception {
        Path fifo = PLAYGROUND.resolve("fifo");
        assertTrue(Processes.run(List.of("mkfifo", fifo.toString())).succeeded());
        Path file = Files.writeString(PLAYGROUND.resolve("file"), "not a namespace");
        Path dir = Files.createDirectories(PLAYGROUND.resolve("dir"));
        Path device = link("device", Paths.get("/dev/null"));
        Path mountNs = link("mnt", Paths.get("/proc/self/ns/mnt"));
        int threads = threads();
        for (Path p : List.of(fifo, file, dir, device, mountNs)) {
            long start = System.nanoTime();
            HttpResponse<String> r = https.send(viewer("/entries/count?netns=" + p));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(p + ": " + r.statusCode() + " " + r.body(), r.statusCode() == 400 || r.statusCode() == 404);
            assertTrue(p + ": " + r.body(), r.body().contains("\"field\":\"netns\"") || r.body().contains(p.toString()));
            assertTrue(p + " answered in " + millis + " ms", millis < 5_000);
        }
        HttpResponse<String> r = https.send(viewer("/entries/count?netns=/proc/1/ns/net"));
        assertEquals("paths outside the allowed patterns: " + r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("allowedNamespacePaths"));
        assertTrue("no thread left waiting: " + threads + " -> " + threads(), threads() <= threads + 4);
    }

    // --- errors never leak internals; only the API is served ---------------------------------------------------

    @Test
    public void requestsJettyOrCxfRefuseGetTheJsonBodyWithoutInternals() throws Exception {
        long logBefore = logSize();
        for (int i = 0; i < 50; i++) {
            String malformedHost = raw("GET /conntrack/v1/entries/count HTTP/1.1\r\nHost: a^b\r\n"
                    + "Connection: close\r\n\r\n", null);
            assertError(malformedHost, 400);
        }
        assertTrue("50 malformed requests logged " + (logSize() - logBefore) + " bytes",
                logSize() - logBefore < 4_096);
        assertError(raw("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null), 400);
        assertError(raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + "x".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n", null), 431);
        assertError(raw("BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null), 401);
    }

    @Test
    public void onlyTheApiIsServedAndOnlyToAuthenticatedClients() throws Exception {
        for (String path : List.of("/services", "/", "/cxf", "/conntrack/v1?_wadl", "/conntrack/v1/openapi.json",
                "/services/conntrack")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null);
            assertError(answer, 401);
        }
        HttpResponse<String> r = https.send(https.request("/../../services", ADMIN, ADMIN_PASSWORD));
        assertNotEquals(r.body(), 200, r.statusCode());
        assertFalse(r.body(), r.body().contains("Available RESTful services"));
    }

    // --- password guessing is slowed and seen -------------------------------------------------------------------

    @Test
    public void passwordGuessingIsHeldBackPerAddressAndLogged() throws Exception {
        // From 127.0.0.2: the other tests' address (127.0.0.1) is not held back by this one.
        InetAddress guesser = InetAddress.getByName("127.0.0.2");
        int refused = 0;
        String held = null;
        for (int i = 0; i < MAX_LOGIN_FAILURES + 3; i++) {
            String answer = raw(request("GET", "/conntrack/v1/entries/count", VIEWER, "guess-" + i), guesser);
            if (status(answer) == 401) {
                refused++;
            } else {
                held = answer;
                break;
            }
        }
        assertEquals("the realm was asked " + MAX_LOGIN_FAILURES + " times", MAX_LOGIN_FAILURES, refused);
        assertError(held, 429);
        Matcher retry = Pattern.compile("(?i)\r\nRetry-After: (\\d+)\r\n").matcher(held);
        assertTrue(held, retry.find() && Integer.parseInt(retry.group(1)) <= LOGIN_WINDOW_SECONDS);
        // Held back even with the right password: the answer does not tell a right guess from a wrong one.
        assertError(raw(request("GET", "/conntrack/v1/entries/count", VIEWER, VIEWER_PASSWORD), guesser), 429);
        assertEquals("another address is not held back", 200,
                https.send(viewer("/entries/count")).statusCode());
        assertTrue("a WARN naming user and address", log().lines().anyMatch(l -> l.contains("WARN")
                && l.contains("login as '" + VIEWER + "' from 127.0.0.2 refused")));
        // The window passes, the right password works again.
        waitUntil(() -> "still held back", () -> status(rawQuietly(request("GET", "/conntrack/v1/entries/count",
                VIEWER, VIEWER_PASSWORD), guesser)) == 200);
    }

    @Test
    public void theAgentRefusesToListenBeyondTheLoopbackWhileALoginIsGuessable() throws Exception {
        Configuration config = configurationAdmin.getConfiguration("io.jconntrack.rest", null);
        Dictionary<String, Object> original = config.getProperties();
        long started = agentStarts();
        try {
            Dictionary<String, Object> beyond = copy(original);
            beyond.put("host", "192.0.2.1"); // TEST-NET-1: never bound, the refusal comes first
            config.update(beyond);
            waitUntil(() -> "no refusal logged", () -> log().contains("REST agent not started on 192.0.2.1: "
                    + "user(s) [" + WEAK_USER + "]"));
            assertTrue(log(), log().contains("bind host to 127.0.0.1"));
        } finally {
            config.update(copy(original));
        }
        waitUntil(() -> "the agent did not start again on the loopback", () -> agentStarts() > started);
        waitUntil(() -> "the agent does not answer again", () -> {
            try {
                return https.send(viewer("/entries/count")).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    // --- bounded memory and fair sharing per request -----------------------------------------------------------

    @Test
    public void bodiesBeyondTheLimitAre413AnnouncedOrNot() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            String big = "[" + (tcp("192.0.2.1", 1, 7) + ",").repeat(MAX_BODY / 100) + tcp("192.0.2.1", 1, 7) + "]";
            assertTrue(big.length() > MAX_BODY);
            // Announced: refused before a byte of the body is read (a client that waits for the answer sees it).
            String announced = raw(request("POST", "/conntrack/v1/entries?netns=" + ns.name(), ADMIN, ADMIN_PASSWORD)
                    .replace("\r\n\r\n", "\r\nContent-Type: application/json\r\nContent-Length: " + big.length()
                            + "\r\n\r\n"), null);
            assertError(announced, 413);
            assertTrue(announced, announced.contains("maxBodyBytes"));
            // Chunked, no length announced: refused once the limit is crossed.
            String chunked = rawWithBody(request("POST", "/conntrack/v1/entries/deletions?netns=" + ns.name(), ADMIN,
                    ADMIN_PASSWORD).replace("\r\n\r\n", "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"), Integer.toHexString(big.length()) + "\r\n" + big + "\r\n");
            assertError(chunked, 413);
            HttpResponse<String> r;
            String change = "{\"mark\": 1, \"pad\": \"" + "x".repeat(MAX_BODY / 2) + "\"}";
            r = https.send(admin("/entries?all=true&netns=" + ns.name()).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(change)));
            assertEquals("a whole object is bounded far below the body limit: " + r.body(), 413, r.statusCode());
            assertEquals(0, ns.cliCount());
        }
    }

    @Test
    public void aBulkAnswerCountsEveryFailureAndListsABoundedNumber() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            int n = 3 * MAX_FAILURES_LISTED;
            String one = tcp("192.0.2.1", 1000, 9);
            String body = "[" + (one + ",").repeat(n - 1) + one + "]";
            HttpResponse<String> r = https.send(admin("/entries?netns=" + ns.name())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(r.body(), 409, r.statusCode());
            assertTrue(r.body(), r.body().startsWith("{\"created\":1,\"failed\":" + (n - 1) + ",\"failuresOmitted\":"
                    + (n - 1 - MAX_FAILURES_LISTED) + ","));
            assertEquals(MAX_FAILURES_LISTED, r.body().split("\"errnoName\":\"EEXIST\"", -1).length - 1);
            assertEquals(1, ns.cliCount());
        }
    }

    @Test
    public void aViewerCannotTakeEveryEventStream() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            List<InputStream> streams = new ArrayList<>();
            try {
                int reserve = Math.max(1, MAX_EVENT_STREAMS / 8);
                for (int i = 0; i < MAX_EVENT_STREAMS - reserve; i++) {
                    HttpResponse<InputStream> s = openEvents(VIEWER, VIEWER_PASSWORD, ns.name());
                    assertEquals(200, s.statusCode());
                    streams.add(s.body());
                }
                HttpResponse<InputStream> refused = openEvents(VIEWER, VIEWER_PASSWORD, ns.name());
                String body = new String(refused.body().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(body, 429, refused.statusCode());
                HttpResponse<InputStream> admin = openEvents(ADMIN, ADMIN_PASSWORD, ns.name());
                assertEquals("the admins' reserve", 200, admin.statusCode());
                streams.add(admin.body());
            } finally {
                for (InputStream s : streams) {
                    s.close();
                }
            }
            // Closed streams give their slots back (found by the next send or keep-alive, within seconds).
            waitUntil(() -> "event stream slots not given back", () -> {
                try {
                    HttpResponse<InputStream> s = openEvents(VIEWER, VIEWER_PASSWORD, ns.name());
                    s.body().close();
                    return s.statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, 40_000);
        }
    }

    @Test
    public void slowListReadersHoldTheirShareButShortRequestsStillAnswer() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            for (int chunk = 0; chunk < 5; chunk++) {
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 10_000; i++) {
                    body.append(i == 0 ? "" : ",").append(tcp("192.0.2." + (chunk + 1), 1024 + i, 5));
                }
                HttpResponse<String> r = https.send(admin("/entries?netns=" + ns.name()).header("Content-Type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofString(body.append("]").toString())));
                assertEquals(r.body(), 200, r.statusCode());
            }
            List<SSLSocket> readers = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_LIST_STREAMS_PER_USER; i++) {
                    SSLSocket s = socket(null);
                    s.getOutputStream().write(request("GET", "/conntrack/v1/entries?netns=" + ns.name(), VIEWER,
                            VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    byte[] head = s.getInputStream().readNBytes(12);
                    assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
                    readers.add(s); // and never read further
                }
                long t0 = System.nanoTime();
                HttpResponse<String> refused = https.send(viewer("/entries?netns=" + ns.name()));
                assertEquals("a fifth list of the viewer answered " + refused.statusCode() + " after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms with " + refused.body().length()
                        + " characters", 429, refused.statusCode());
                long start = System.nanoTime();
                HttpResponse<String> count = https.send(admin("/entries/count?netns=" + ns.name()));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(count.body(), "{\"count\":50000}", count.body());
                assertTrue("a count behind three stalled lists took " + millis + " ms", millis < 3_000);
            } finally {
                for (SSLSocket s : readers) {
                    s.close();
                }
            }
            waitUntil(() -> "list slots not given back", () -> {
                try {
                    return https.send(viewer("/entries/count?netns=" + ns.name())).statusCode() == 200
                            && https.client().send(viewer("/entries?netns=" + ns.name() + "&zone=6").build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            }, 40_000);
        }
    }

    @Test
    public void aFloodOfConnectionsTakesAtMostItsBoundOfDescriptors() throws Exception {
        int attempts = 3 * MAX_CONNECTIONS + 10; // past the bound and the kernel's backlog of 50
        List<java.net.Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                java.net.Socket s = new java.net.Socket();
                flood.add(s);
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 250);
                } catch (java.net.SocketTimeoutException backlogFull) {
                    // beyond the bound and the kernel's backlog, connections wait (or are dropped): as meant
                }
            }
            Thread.sleep(1_000); // time for Jetty to accept what it will
            int accepted = acceptedConnections();
            // (its listening socket has that local port too)
            assertTrue("the agent holds " + accepted + " connections of " + attempts, accepted <= MAX_CONNECTIONS + 1);
        } finally {
            for (java.net.Socket s : flood) {
                s.close();
            }
        }
        waitUntil(() -> "no answer after the flood ended", () -> {
            try {
                return https.send(admin("/entries/count")).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, 20_000);
    }

    /** Descriptors of this JVM (the container) that are TCP sockets with the agent's port as their local port. */
    private int acceptedConnections() throws IOException {
        java.util.Set<Long> inodes = new java.util.HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : Files.readAllLines(Paths.get(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].contains(":") && !f[1].startsWith("local")
                        && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                    inodes.add(Long.parseLong(f[9]));
                }
            }
        }
        int n = 0;
        for (Long inode : NetlinkSockets.socketInodes()) {
            if (inodes.contains(inode)) {
                n++;
            }
        }
        return n;
    }

    // --- strict bodies and parameters, no renegotiation ---------------------------------------------------------

    @Test
    public void duplicateKeysTrailingContentAndRepeatedParametersAreRefused() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            String q = "?netns=" + ns.name();
            for (String body : List.of(
                    "{\"proto\":\"tcp\",\"proto\":\"udp\",\"original\":{\"src\":\"192.0.2.1\",\"dst\":"
                            + "\"198.51.100.1\",\"sport\":1,\"dport\":2},\"timeout\":60}",
                    tcp("192.0.2.1", 1, 3) + " " + tcp("192.0.2.1", 2, 3),
                    "[" + tcp("192.0.2.1", 1, 3) + "] []")) {
                HttpResponse<String> r = https.send(admin("/entries" + q).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
                assertEquals(body + " -> " + r.body(), 400, r.statusCode());
                assertTrue(r.body(), r.body().contains("\"field\":\"body\""));
            }
            assertEquals("nothing created from a refused body", 0, ns.cliCount());
            for (String path : List.of("/entries/count" + q + "&netns=other", "/entries" + q + "&all=true&all=false",
                    "/statistics" + q + "&netns=" + ns.name())) {
                HttpResponse<String> r = https.send(path.startsWith("/entries?") ? admin(path).DELETE() : admin(path));
                assertEquals(path + " -> " + r.body(), 400, r.statusCode());
                assertTrue(r.body(), r.body().contains("given 2 times"));
            }
        }
    }

    @Test
    public void aClientCannotRenegotiateTls() throws Exception {
        try (SSLSocket s = socket(null)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(request("GET", "/conntrack/v1/entries/count", VIEWER, VIEWER_PASSWORD)
                    .replace("Connection: close", "Connection: keep-alive").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] first = s.getInputStream().readNBytes(12);
            assertEquals("a request before the renegotiation is answered", "HTTP/1.1 200",
                    new String(first, StandardCharsets.US_ASCII));
            boolean refused;
            try {
                s.startHandshake(); // TLS 1.2 client-initiated renegotiation
                out.write(request("GET", "/conntrack/v1/entries/count", VIEWER, VIEWER_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                String rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                refused = rest.split("HTTP/1.1 200", -1).length - 1 < 1;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue("the server went on after a renegotiation", refused);
        }
    }

    // --- a bounded soak ----------------------------------------------------------------------------------------

    @Test
    public void thirtySecondsOfHostileNamespacesLeaveNothingBehind() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-hostile")) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                names.add(link("soak-" + i, Paths.get("/run/netns", ns.name())).toString());
            }
            for (int i = 0; i < 20; i++) {
                Path fifo = PLAYGROUND.resolve("fifo-" + i);
                assertTrue(Processes.run(List.of("mkfifo", fifo.toString())).succeeded());
                names.add(fifo.toString());
                names.add(link("dev-" + i, Paths.get(i % 2 == 0 ? "/dev/null" : "/dev/zero")).toString());
                names.add(Files.writeString(PLAYGROUND.resolve("file-" + i), "x").toString());
                names.add(PLAYGROUND.resolve("missing-" + i).toString());
            }
            https.send(viewer("/entries/count?netns=" + ns.name())); // warm: the pool and the agent's threads
            int fdsBefore = descriptors();
            int threadsBefore = threads();
            int socketsBefore = NetlinkSockets.count(ns.name());
            AtomicLong requests = new AtomicLong();
            AtomicLong unexpected = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int offset = c;
                done.add(clients.submit(() -> {
                    int i = offset;
                    while (System.nanoTime() < end) {
                        String netns = names.get((i += 7) % names.size());
                        try {
                            int status = https.send(viewer("/entries/count?netns=" + netns)).statusCode();
                            if (status != 200 && status != 400 && status != 404) {
                                unexpected.incrementAndGet();
                            }
                        } catch (Exception e) {
                            unexpected.incrementAndGet();
                        }
                        requests.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
            long start = System.nanoTime();
            HttpResponse<String> r = https.send(admin("/entries/count?netns=" + ns.name()));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue("the admin's request after the soak took " + millis + " ms", millis < 2_000);
            System.out.println("hostile soak: " + requests + " requests in 30 s, " + unexpected + " unexpected; "
                    + "descriptors " + fdsBefore + " -> " + descriptors() + ", threads " + threadsBefore + " -> "
                    + threads() + ", conntrack sockets " + socketsBefore + " -> " + NetlinkSockets.count(ns.name()));
            assertEquals("answers other than 200/400/404", 0, unexpected.get());
            assertTrue("sockets", NetlinkSockets.count(ns.name()) <= socketsBefore + 4);
            waitUntil(() -> "descriptors " + fdsBefore + " -> " + descriptors() + ", threads " + threadsBefore
                    + " -> " + threads(), () -> descriptors() <= fdsBefore + 40 && threads() <= threadsBefore + 40,
                    30_000);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private HttpRequest.Builder viewer(String path) {
        return https.request(path, VIEWER, VIEWER_PASSWORD);
    }

    private HttpRequest.Builder admin(String path) {
        return https.request(path, ADMIN, ADMIN_PASSWORD);
    }

    private HttpResponse<InputStream> openEvents(String user, String password, String netns) throws Exception {
        return https.client().send(https.request("/events?netns=" + netns, user, password).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String tcp(String source, int sourcePort, int zone) {
        return "{\"proto\":\"tcp\",\"original\":{\"src\":\"" + source + "\",\"dst\":\"198.51.100.1\",\"sport\":"
                + sourcePort + ",\"dport\":443},\"zone\":" + zone + ",\"timeout\":300,\"state\":\"ESTABLISHED\"}";
    }

    private static Path link(String name, Path target) throws IOException {
        return Files.createSymbolicLink(PLAYGROUND.resolve(name), target);
    }

    private static String request(String method, String path, String user, String password) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                + "\r\nConnection: close\r\n\r\n";
    }

    private SSLSocket socket(InetAddress from) throws IOException {
        SSLSocket s = (SSLSocket) https.tls().getSocketFactory().createSocket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Sends {@code text} as it is and reads the whole answer (the request asks to close the connection). */
    private String raw(String text, InetAddress from) throws IOException {
        try (SSLSocket s = socket(from)) {
            s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            s.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** As {@link #raw}, then a body that the server may stop reading half way: its answer is read all the same. */
    private String rawWithBody(String head, String body) throws IOException {
        try (SSLSocket s = socket(null)) {
            OutputStream out = s.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException refusedHalfWay) {
                // the answer may already be there
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(answer);
            } catch (IOException reset) {
                // a reset after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private String rawQuietly(String text, InetAddress from) {
        try {
            return raw(text, from);
        } catch (IOException e) {
            return "";
        }
    }

    private static int status(String answer) {
        Matcher m = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The status, a JSON body with it, and nothing of the implementation: no trace, class or server name. */
    private static void assertError(String answer, int expected) {
        assertEquals(answer, expected, status(answer));
        String lower = answer.toLowerCase();
        assertTrue(answer, lower.contains("content-type: application/json"));
        assertTrue(answer, answer.contains("\"status\":" + expected));
        for (String internal : List.of("exception", "at org.", "jetty", "cxf", "java.", "<html")) {
            assertFalse(internal + " in " + answer, lower.contains(internal));
        }
    }

    private static Path logFile() {
        return Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "";
        }
    }

    private static long logSize() throws IOException {
        return Files.size(logFile());
    }

    private static long agentStarts() {
        return log().lines().filter(l -> l.contains("REST agent on https://127.0.0.1:")).count();
    }

    private static int descriptors() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Dictionary<String, Object> c = new Hashtable<>();
        for (java.util.Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            c.put(k, d.get(k));
        }
        return c;
    }

    private static void waitUntil(java.util.function.Supplier<String> message, java.util.function.BooleanSupplier
            condition, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(message.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(message.get());
            }
        }
    }
}
