package io.jconntrack.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Issue 23: nodes share one HTTP client, and a node that accepts connections but never answers (or stops in the
 * middle of a list) fails its own calls within its request timeout while a healthy node answers at once. The healthy
 * node is the JDK's HTTPS server with a key made by keytool; the hung ones are plain sockets that accept and read
 * nothing, or send a list's first line and then nothing.
 */
public class FleetDeadlinesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static Path keystore;
    private static HttpsServer healthy;
    private static String fingerprint;
    private static ServerSocket silent;
    private static final List<Socket> accepted = new ArrayList<>();
    private static final CountDownLatch stall = new CountDownLatch(1);

    @BeforeClass
    public static void startNodes() throws Exception {
        keystore = Files.createTempDirectory("jct-fleet").resolve("node.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-alias", "node", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=node", "-validity", "2").inheritIO().start();
        assertEquals("keytool", 0, keytool.waitFor());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        fingerprint = PinnedCertificateTrustManager.fingerprint((X509Certificate) ks.getCertificate("node"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        healthy = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        healthy.setHttpsConfigurator(new HttpsConfigurator(tls));
        healthy.createContext("/conntrack/v1/entries/count", x -> answer(x, "application/json", "{\"count\":7}"));
        healthy.createContext("/conntrack/v1/entries", FleetDeadlinesTest::listThenStall);
        healthy.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        healthy.start();
        silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silent.accept(); // and never a byte back, not even TLS's
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-node");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void answer(HttpExchange x, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A list whose headers and nothing else come; the node then hangs until the test ends. */
    private static void listThenStall(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        x.sendResponseHeaders(200, 0);
        x.getResponseBody().flush();
        try {
            stall.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x.close();
    }

    @AfterClass
    public static void stopNodes() throws IOException {
        stall.countDown();
        healthy.stop(0);
        silent.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(keystore.getParent());
    }

    private static RemoteConntrack node(String name, int port) {
        return new RemoteConntrack(name, URI.create("https://127.0.0.1:" + port + "/"), "admin", "secret",
                NodeTrust.manager(fingerprint, null, null), Duration.ofSeconds(2), TIMEOUT);
    }

    @Test
    public void nodesShareOneClientUntilTheLastLetsGo() {
        int before = NodeHttp.clients();
        try (RemoteConntrack a = node("a", healthy.getAddress().getPort());
             RemoteConntrack b = node("b", silent.getLocalPort())) {
            assertEquals("one client for both", before + 1, NodeHttp.clients());
        }
        assertEquals(before, NodeHttp.clients());
    }

    @Test
    public void aSilentNodeFailsAloneWithinItsTimeout() throws Exception {
        try (RemoteConntrack ok = node("ok", healthy.getAddress().getPort());
             RemoteConntrack hung = node("hung", silent.getLocalPort())) {
            long start = System.nanoTime();
            CompletableFuture<Long> stuck = CompletableFuture.supplyAsync(
                    () -> hung.service().count(ConntrackFilter.ALL));
            // The healthy node answers at once, over the same client, while the hung call waits.
            for (int i = 0; i < 5; i++) {
                assertEquals(7, ok.service().count(ConntrackFilter.ALL));
            }
            assertTrue("the healthy node waited for the hung one",
                    System.nanoTime() - start < TIMEOUT.toNanos());
            try {
                stuck.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
                fail("a node that never answers counted");
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause().toString(), e.getCause() instanceof ConntrackException);
                assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("node 'hung'")
                        || e.getCause().getMessage().contains("hung"));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue("failed after " + seconds + " s", seconds <= TIMEOUT.toSeconds() + 2);
        }
    }

    @Test
    public void aListThatStopsFailsWithinTheTimeout() {
        try (RemoteConntrack stalls = node("stalls", healthy.getAddress().getPort())) {
            long start = System.nanoTime();
            try {
                stalls.service().forEach(ConntrackFilter.ALL, e -> { });
                fail("a list that never ends ended");
            } catch (ConntrackException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("stalls"));
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue("failed after " + seconds + " s", seconds >= TIMEOUT.toSeconds() - 1
                    && seconds <= TIMEOUT.toSeconds() + 2);
        }
    }

    @Test
    public void oneTrustAnAddressInAClient() {
        NodeTrustRouter router = new NodeTrustRouter();
        javax.net.ssl.X509ExtendedTrustManager pin = NodeTrust.manager(fingerprint, null, null);
        assertTrue(router.add(URI.create("https://[2001:DB8::1]:8443/"), pin));
        assertEquals(NodeTrustRouter.key("2001:db8::1", 8443), NodeTrustRouter.key("[2001:DB8::1]", 8443));
        assertFalse("a second trust for the same address", router.add(URI.create("https://[2001:db8::1]:8443/"),
                NodeTrust.manager(fingerprint, null, null)));
        router.remove(URI.create("https://[2001:db8::1]:8443/"), NodeTrust.manager(fingerprint, null, null));
        assertEquals("another manager object is not removed", 1, router.addresses());
        router.remove(URI.create("https://[2001:db8::1]:8443/"), pin);
        assertEquals(0, router.addresses());
    }

    /**
     * Two nodes at one address, one with the wrong pin: a client pools connections by address and does not shake
     * hands again on a pooled one, so the second node must not get the first one's connection (nor its trust).
     */
    @Test
    public void aWrongPinAtTheAddressOfAnotherNodeIsRefusedEvenWithItsConnectionOpen() {
        int before = NodeHttp.clients();
        String wrong = (fingerprint.startsWith("00") ? "11" : "00") + fingerprint.substring(2);
        int port = healthy.getAddress().getPort();
        try (RemoteConntrack right = node("right", port);
             RemoteConntrack wrongPin = new RemoteConntrack("wrong", URI.create("https://127.0.0.1:" + port + "/"),
                     "admin", "secret", NodeTrust.manager(wrong, null, null), Duration.ofSeconds(2), TIMEOUT)) {
            assertEquals(7, right.service().count(ConntrackFilter.ALL)); // its connection is open and pooled now
            try {
                wrongPin.service().count(ConntrackFilter.ALL);
                fail("a node whose pin is not the server's certificate was answered");
            } catch (ConntrackException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("TLS"));
            }
            assertEquals("a second client for the second node at that address", before + 2, NodeHttp.clients());
        }
        assertEquals(before, NodeHttp.clients());
    }
}
