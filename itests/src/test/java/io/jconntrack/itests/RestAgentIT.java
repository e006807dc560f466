package io.jconntrack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.jconntrack.testsupport.TestNamespace;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The {@code jconntrack-rest} feature in Karaf: HTTPS on a free port of 127.0.0.1 with the certificate the agent
 * generated into etc/ (trusted by the fingerprint it logged), Basic authentication against the karaf realm and the
 * console's roles, and the resources driven in a test namespace, checked with the {@code conntrack} tool.
 */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestAgentIT extends KarafTestSupport {
    private static final String JSON = "application/json";

    private PinnedHttps https;
    private int port;

    @Override
    protected String[] bootFeatures() {
        return new String[] {FEATURE, "jconntrack-rest"};
    }

    @Override
    protected Option[] extraOptions() {
        String rest = "etc/io.jconntrack.rest.cfg";
        String web = "etc/org.ops4j.pax.web.cfg";
        return new Option[] {
            editConfigurationFilePut(rest, "host", "127.0.0.1"),
            editConfigurationFilePut(rest, "port", freePort()),
            // Were Karaf's http feature there (OpenDaylight has it): its port loopback and free, nothing of ours on it.
            editConfigurationFilePut(web, "org.osgi.service.http.port", freePort()),
            editConfigurationFilePut(web, "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
            editConfigurationFilePut("etc/users.properties", "restadmin", "secret-a,admin,viewer"),
            editConfigurationFilePut("etc/users.properties", "restviewer", "secret-v,viewer"),
        };
    }

    @Before
    public void connect() throws Exception {
        awaitSettled(); // every bundle ACTIVE: a feature whose bundle failed to start would show here
        AgentLog agent = AgentLog.await();
        port = agent.port();
        https = new PinnedHttps("https://127.0.0.1:" + port + "/conntrack/v1", agent.fingerprint());
    }

    @Test
    public void generatedCertificateIsUnderEtcOwnerOnlyAndIsTheLoggedOne() throws Exception {
        Path etc = Paths.get(System.getProperty("karaf.etc"));
        Path keystore = etc.resolve("jconntrack-rest.p12");
        Path password = etc.resolve("jconntrack-rest.p12.password");
        for (Path p : List.of(keystore, password)) {
            assertEquals(p + " permissions", "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, Files.readString(password).trim().toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate("jconntrack-rest");
        // The client pinned the logged fingerprint: a request succeeding proves the served certificate is this one.
        HttpResponse<String> r = https.send(https.request("/entries/count", "restviewer", "secret-v"));
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(PinnedHttps.fingerprint(cert), PinnedHttps.fingerprint(
                (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]));
    }

    @Test
    public void authenticationAndRolesAsTheConsole() throws Exception {
        HttpResponse<String> r = https.send(https.request("/entries/count", null, null));
        assertEquals(r.body(), 401, r.statusCode());
        assertEquals("Basic realm=\"karaf\", charset=\"UTF-8\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
        r = https.send(https.request("/entries/count", "restviewer", "wrong"));
        assertEquals(r.body(), 401, r.statusCode());
        r = https.send(https.request("/entries/count", "restviewer", "secret-v"));
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().matches("\\{\"count\":\\d+}"));
        r = https.send(https.request("/entries?zone=4242", "restviewer", "secret-v").DELETE());
        assertEquals(r.body(), 403, r.statusCode());
        assertTrue(r.body(), r.body().contains("lacks role 'admin'"));
        r = https.send(https.request("/zones/4242", "restviewer", "secret-v").DELETE());
        assertEquals(r.body(), 403, r.statusCode());
    }

    @Test
    public void noPlainHttpAnywhere() throws Exception {
        // The feature brings Jetty's bundles, not Karaf's HTTP service (which would listen on 0.0.0.0:8181).
        assertEquals(null, bundle("org.ops4j.pax.web.pax-web-runtime"));
        Properties web = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(System.getProperty("karaf.etc"),
                "org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String httpPort = web.getProperty("org.osgi.service.http.port").trim();
        for (String path : List.of("/cxf/conntrack/v1/entries/count", "/conntrack/v1/entries/count")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("restadmin:secret-a".getBytes(StandardCharsets.UTF_8))).build();
            HttpResponse<String> r;
            try {
                r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                continue; // nothing listening is fine too
            }
            assertNotEquals(path + " on the plain port: " + r.body(), 200, r.statusCode());
        }
    }

    @Test
    public void adminCreatesListsCountsAndDeletesByZoneInANamespace() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-rest")) {
            String q = "?netns=" + ns.name();
            String body = "[" + tcp("192.0.2.1", 1001, 4101) + ","
                    + "{\"proto\":\"udp\",\"original\":{\"src\":\"192.0.2.2\",\"dst\":\"198.51.100.2\",\"sport\":53,"
                    + "\"dport\":5353},\"zone\":4101,\"timeout\":1234},"
                    + "{\"proto\":\"icmp\",\"original\":{\"src\":\"192.0.2.3\",\"dst\":\"198.51.100.3\",\"type\":8,"
                    + "\"code\":0,\"id\":3333},\"zone\":4102,\"timeout\":1234}]";
            HttpResponse<String> r = https.send(admin("/entries" + q).header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(r.body(), 200, r.statusCode());
            assertEquals("{\"created\":3,\"failed\":0,\"failures\":[]}", r.body());
            assertEquals(2, ns.cliCount("-w", "4101"));
            assertEquals(1, ns.cliCount("-w", "4102"));

            r = https.send(viewer("/entries" + q));
            assertEquals(r.body(), 200, r.statusCode());
            assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElse(""));
            List<String> lines = r.body().lines().collect(Collectors.toList());
            assertEquals(r.body(), ns.cliCount(), lines.size());
            for (String l : lines) {
                assertTrue(l, l.startsWith("{\"family\":\"ipv4\",") && l.endsWith("}"));
            }
            r = https.send(viewer("/entries" + q + "&zone=4101&protocol=udp"));
            assertEquals(r.body(), 1, r.body().lines().count());
            assertTrue(r.body(), r.body().contains("\"src\":\"192.0.2.2\",\"dst\":\"198.51.100.2\",\"sport\":53"));

            assertEquals("{\"count\":2}", https.send(viewer("/entries/count" + q + "&zone=4101")).body());
            r = https.send(viewer("/metrics" + q));
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\nconntrack_entries " + ns.cliCount() + ".0\n"));
            assertTrue(r.body(), r.body().contains("conntrack_stat_insert_failed_total{cpu=\"0\"}"));
            assertTrue(r.body(), r.body().contains(
                    "jconntrack_rest_request_duration_seconds_count{operation=\"Entries.create\",status=\"200\"}"));
            assertEquals("[{\"zone\":4101,\"entries\":2},{\"zone\":4102,\"entries\":1}]",
                    https.send(viewer("/zones" + q)).body());
            r = https.send(viewer("/entry" + q + "&protocol=tcp&source=192.0.2.1&destination=198.51.100.1"
                    + "&sourcePort=1001&destinationPort=80&zone=4101"));
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"state\":\"ESTABLISHED\""));

            r = https.send(admin("/entries" + q + "&zone=4101&protocol=tcp").header("Content-Type", JSON)
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"mark\":42}")));
            assertEquals(r.body(), "{\"updated\":1,\"failed\":0,\"failures\":[]}", r.body());
            assertEquals(1, ns.cliCount("-w", "4101", "-m", "42"));

            r = https.send(admin("/zones/4102" + q).DELETE());
            assertEquals(r.body(), 200, r.statusCode());
            assertEquals(0, ns.cliCount("-w", "4102"));
            r = https.send(admin("/entries" + q + "&zone=4101").DELETE());
            assertEquals("{\"deleted\":2}", r.body());
            assertEquals(0, ns.cliCount());
        }
    }

    @Test
    public void errorsCarryTheStatusAndTheFieldOrErrno() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-rest")) {
            String q = "?netns=" + ns.name();
            HttpResponse<String> r = https.send(viewer("/entries" + q + "&sourcePort=70000"));
            assertEquals(r.body(), 400, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"field\":\"sourcePort\""));
            r = https.send(admin("/entries" + q).header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"proto\":\"tcp\",\"original\":{\"src\":\"192.0.2.1\","
                            + "\"dst\":\"198.51.100.1\",\"sport\":1,\"dport\":2},\"timeout\":-5}")));
            assertEquals(r.body(), 400, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"field\":\"timeout\""));
            r = https.send(viewer("/entries?netns=jct-rest-no-such-namespace"));
            assertEquals(r.body(), 404, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"errnoName\":\"ENOENT\""));
            r = https.send(admin("/entries" + q).DELETE());
            assertEquals(r.body(), 400, r.statusCode());
            assertTrue(r.body(), r.body().contains("all=true"));

            ns.createTcp("192.0.2.7", "198.51.100.7", 7007, 80, 4103);
            r = https.send(admin("/entries" + q).header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(tcp("192.0.2.7", 7007, 4103))));
            assertEquals(r.body(), 409, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"errnoName\":\"EEXIST\""));
            r = https.send(viewer("/entry" + q + "&protocol=tcp&source=192.0.2.8&destination=198.51.100.8"
                    + "&sourcePort=1&destinationPort=2&zone=4103"));
            assertEquals(r.body(), 404, r.statusCode());
            assertEquals(1, ns.cliCount());
        }
    }

    @Test
    public void eventsArriveAsServerSentEvents() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-rest")) {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            CompletableFuture<HttpResponse<Stream<String>>> stream = https.client().sendAsync(
                    https.request("/events?types=NEW&netns=" + ns.name(), "restviewer", "secret-v")
                            .timeout(java.time.Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                assertEquals("event: open", lines.poll(30, TimeUnit.SECONDS));
                ns.createTcp("192.0.2.9", "198.51.100.9", 9009, 443, 4104);
                String event = null;
                for (String l = lines.poll(30, TimeUnit.SECONDS); l != null; l = lines.poll(30, TimeUnit.SECONDS)) {
                    if (l.equals("event: NEW")) {
                        event = lines.poll(30, TimeUnit.SECONDS);
                        break;
                    }
                }
                assertNotNull("a NEW event", event);
                assertTrue(event, event.startsWith("data: {") && event.contains("\"src\":\"192.0.2.9\"")
                        && event.contains("\"zone\":4104"));
            } finally {
                response.body().close();
            }
        }
    }

    @Test
    public void aClientThatReadsTooSlowlyIsToldThatEventsWereLost() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-rest")) {
            HttpResponse<InputStream> response = https.client().send(
                    https.request("/events?types=NEW&netns=" + ns.name(), "restviewer", "secret-v")
                            .timeout(java.time.Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            try (java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertEquals("event: open", in.readLine());
                // 60,000 events (about 20 MB) while nothing is read: more than the socket buffers and the sink's
                // queue of 10,000 hold.
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 60_000; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"proto\":\"udp\",\"original\":{\"src\":\"192.0.2.")
                            .append(1 + i / 30_000).append("\",\"dst\":\"198.51.100.1\",\"sport\":")
                            .append(1 + i % 30_000).append(",\"dport\":53},\"zone\":4105,\"timeout\":600}");
                }
                HttpResponse<String> r = https.send(admin("/entries?netns=" + ns.name()).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())));
                assertEquals("{\"created\":60000,\"failed\":0,\"failures\":[]}", r.body());
                Thread.sleep(2000);
                String notice = null;
                long news = 0;
                for (String l = in.readLine(); l != null && news < 60_000; l = in.readLine()) {
                    if (l.equals("event: NEW")) {
                        news++;
                    } else if (l.equals("event: lost")) {
                        notice = in.readLine();
                        break;
                    }
                }
                assertNotNull("a lost notice after " + news + " NEW events", notice);
                assertTrue(notice, notice.matches("data: \\{\"(dropped|overflows)\":\\d+}"));
            }
        }
    }

    /**
     * Expectations on a master created over REST with the FTP helper attached: created, listed, counted, evented,
     * refused and deleted through the agent, checked with {@code conntrack -L expect}.
     */
    @Test
    public void expectationsOfAMasterWithAHelper() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-rest")) {
            String q = "?netns=" + ns.name();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            // Listening before the master exists: the kernel reports a master's expectation events only then.
            HttpResponse<Stream<String>> events = https.client().sendAsync(
                    https.request("/expectations/events" + q, "restviewer", "secret-v")
                            .timeout(java.time.Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
            assertEquals(200, events.statusCode());
            Thread reader = new Thread(() -> events.body().forEach(lines::add), "sse-expect-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                assertEquals("event: open", lines.poll(30, TimeUnit.SECONDS));
                HttpResponse<String> r = https.send(admin("/entries" + q).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"proto\":\"tcp\",\"original\":{\"src\":"
                                + "\"198.51.100.1\",\"dst\":\"198.51.100.2\",\"sport\":1000,\"dport\":21},"
                                + "\"timeout\":600,\"state\":\"ESTABLISHED\",\"helper\":\"ftp\"}")));
                assertEquals(r.body(), 201, r.statusCode());
                assertTrue(ns.listLines().toString(), ns.listLines().get(0).contains(" helper=ftp "));

                String expectation = "{\"proto\":\"tcp\",\"master\":{\"src\":\"198.51.100.1\","
                        + "\"dst\":\"198.51.100.2\",\"sport\":1000,\"dport\":21},\"expected\":{\"src\":"
                        + "\"198.51.100.2\",\"dst\":\"198.51.100.1\",\"sport\":0,\"dport\":3000},\"mask\":"
                        + "{\"src\":\"255.255.255.255\",\"dst\":\"255.255.255.255\",\"sport\":0,"
                        + "\"dport\":65535},\"timeout\":300}";
                r = https.send(admin("/expectations" + q).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(expectation)));
                assertEquals(r.body(), 201, r.statusCode());
                List<String> tool = ns.listLines("expect");
                assertEquals(tool.toString(), 1, tool.size());
                assertTrue(tool.get(0), tool.get(0).contains(" proto=6 src=198.51.100.2 dst=198.51.100.1 sport=0 "
                        + "dport=3000 mask-src=255.255.255.255 "));

                r = https.send(viewer("/expectations" + q));
                assertEquals(r.body(), 200, r.statusCode());
                assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElse(""));
                assertEquals(r.body(), 1, r.body().lines().count());
                assertTrue(r.body(), r.body().contains("\"helper\":\"ftp\"")
                        && r.body().contains("\"master\":{\"proto\":\"tcp\",\"src\":\"198.51.100.1\""));
                assertEquals("{\"count\":1}", https.send(viewer("/expectations/count" + q
                        + "&protocol=tcp&expectedDestinationPort=3000")).body());
                assertEquals("{\"count\":0}", https.send(viewer("/expectations/count" + q + "&helper=sip")).body());

                String event = null;
                for (String l = lines.poll(30, TimeUnit.SECONDS); l != null; l = lines.poll(30, TimeUnit.SECONDS)) {
                    if (l.equals("event: NEW")) {
                        event = lines.poll(30, TimeUnit.SECONDS);
                        break;
                    }
                }
                assertNotNull("a NEW expectation event", event);
                assertTrue(event, event.startsWith("data: {") && event.contains("\"dport\":3000"));

                r = https.send(admin("/expectations" + q).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(expectation)));
                assertEquals(r.body(), 409, r.statusCode());
                r = https.send(admin("/expectations" + q).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(expectation.replace("\"sport\":1000",
                                "\"sport\":1001").replace("\"dport\":3000", "\"dport\":3001"))));
                assertEquals(r.body(), 404, r.statusCode());
                assertTrue(r.body(), r.body().contains("\"errnoName\":\"ENOENT\""));
                r = https.send(admin("/expectations" + q).header("Content-Type", JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(expectation.replace("\"timeout\":300",
                                "\"timeout\":-5"))));
                assertEquals(r.body(), 400, r.statusCode());
                assertTrue(r.body(), r.body().contains("\"field\":\"timeout\""));
                r = https.send(viewer("/expectations" + q).DELETE());
                assertEquals(r.body(), 403, r.statusCode());
                r = https.send(admin("/expectations" + q).DELETE());
                assertEquals(r.body(), 400, r.statusCode());
                assertEquals(1, ns.listLines("expect").size());

                r = https.send(admin("/expectations" + q + "&protocol=tcp&expectedDestinationPort=3000").DELETE());
                assertEquals("{\"deleted\":1}", r.body());
                assertEquals(List.of(), ns.listLines("expect"));
                r = https.send(admin("/expectations" + q + "&all=true").DELETE());
                assertEquals("{\"deleted\":0}", r.body());
                assertEquals("the master stays", 1, ns.cliCount());
            } finally {
                events.body().close();
            }
        }
    }

    private static String tcp(String src, int sport, int zone) {
        return "{\"proto\":\"tcp\",\"original\":{\"src\":\"" + src + "\",\"dst\":\"198.51.100." + src.substring(8)
                + "\",\"sport\":" + sport + ",\"dport\":80},\"zone\":" + zone
                + ",\"timeout\":1234,\"state\":\"ESTABLISHED\"}";
    }

    private HttpRequest.Builder admin(String path) {
        return https.request(path, "restadmin", "secret-a");
    }

    private HttpRequest.Builder viewer(String path) {
        return https.request(path, "restviewer", "secret-v");
    }
}
