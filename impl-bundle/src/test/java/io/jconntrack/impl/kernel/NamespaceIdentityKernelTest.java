package io.jconntrack.impl.kernel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.impl.socket.Descriptors;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * A namespace is what it is, not how a client spells it (found by a hostile client of the REST agent: 12,000
 * spellings of one namespace made 12,000 socket pools and ran the JVM out of descriptors; a FIFO named as netns hung
 * a thread for good). Every spelling shares one pool, the pools are bounded, what is not a network namespace is
 * refused at once, and slow streams leave a socket to short requests.
 */
public class NamespaceIdentityKernelTest {
    private static final ConntrackFilter MARKED = ConntrackFilter.builder().mark(5).build();

    @Test(timeout = 20_000) // a FIFO once blocked open() for good: fail, do not hang
    public void whatIsNotANetworkNamespaceIsRefusedAtOnceAndLeavesNothingOpen() throws IOException {
        Preconditions.requireKernel();
        Path dir = Files.createTempDirectory("jct-notns");
        Path fifo = dir.resolve("fifo");
        Path file = Files.writeString(dir.resolve("file"), "x");
        try (NetlinkConntrackService root = Conntrack.open()) {
            assertEquals(0, Processes.run(List.of("mkfifo", fifo.toString())).exit());
            refused(root, "/proc/self/ns/mnt", "is a mount namespace, not a network namespace"); // loads what it uses
            List<String> before = Descriptors.files();
            int sockets = NetlinkSockets.count();
            refused(root, fifo.toString(), "is a FIFO, not a network namespace");
            refused(root, "/dev/null", "is a character device, not a network namespace");
            refused(root, file.toString(), "is not a namespace file");
            refused(root, dir.toString(), "is a directory, not a network namespace");
            refused(root, "/proc/self/ns/mnt", "is a mount namespace, not a network namespace");
            String missing = dir.resolve("missing").toString();
            ConntrackException gone = assertThrows(ConntrackException.class,
                    () -> root.inNamespace(missing).count(ConntrackFilter.ALL));
            assertEquals("ENOENT", gone.errnoName());
            assertTrue(gone.getMessage(), gone.getMessage().contains("network namespace '" + missing
                    + "' does not exist"));
            assertEquals("no pool for what is not a namespace", 0, root.namespacePools());
            assertEquals("descriptors", before, Descriptors.files());
            assertEquals("conntrack netlink sockets", sockets, NetlinkSockets.count());
        } finally {
            Files.delete(fifo);
            Files.delete(file);
            Files.delete(dir);
        }
    }

    /** Every entry point that reaches a namespace says the same, an IllegalArgumentException naming netns (400). */
    private static void refused(NetlinkConntrackService root, String path, String what) {
        long start = System.nanoTime();
        ConntrackService ct = root.inNamespace(path);
        String expected = "netns: '" + path + "' " + what;
        ConntrackListener ignore = new ConntrackListener() {
            @Override
            public void onEvent(ConntrackEvent event) {
            }
        };
        List<Runnable> calls = List.of(() -> ct.count(ConntrackFilter.ALL), () -> ct.forEach(MARKED, e -> { }),
                () -> ct.deleteMatching(MARKED), () -> ct.expectations().count(ExpectationFilter.ALL),
                () -> ct.subscribe(EventFilter.ALL, ignore).close());
        for (Runnable call : calls) {
            IllegalArgumentException e = assertThrows(path, IllegalArgumentException.class, call::run);
            assertEquals(expected, e.getMessage());
        }
        assertTrue(path + " refused at once", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    public void aThousandSpellingsOfANamespaceShareOnePool() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-spell");
             NetlinkConntrackService root = Conntrack.open()) {
            root.inNamespace(ns.name()).create(FaultsKernelTest.entries(3, 0, 5));
            Process inside = new ProcessBuilder("ip", "netns", "exec", ns.name(), "sleep", "600").start();
            try {
                long pid = inside.pid();
                awaitSameNamespace("/proc/" + pid + "/ns/net", "/var/run/netns/" + ns.name());
                List<String> spellings = spellings(ns.name(), pid);
                assertEquals(1000, spellings.size());
                int ownSockets = NetlinkSockets.count();
                ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int first = t;
                    Thread thread = new Thread(() -> {
                        for (int i = first; i < spellings.size(); i += 8) {
                            try {
                                // Every entry of the namespace: the kernel's count, where a selection would walk
                                // the whole (global) hash table, about 10 ms each.
                                long n = root.inNamespace(spellings.get(i)).count(ConntrackFilter.ALL);
                                if (n != 3) {
                                    wrong.add(spellings.get(i) + " counted " + n);
                                }
                            } catch (RuntimeException e) {
                                wrong.add(spellings.get(i) + ": " + e);
                            }
                        }
                    });
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                assertEquals("every spelling counts the namespace's entries", List.of(), List.copyOf(wrong));
                assertEquals("one pool for every spelling", 1, root.namespacePools());
                int inNamespace = NetlinkSockets.count(ns.name()) - NetlinkSockets.count();
                assertTrue("sockets in the namespace: " + inNamespace,
                        inNamespace >= 1 && inNamespace <= ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE);
                assertEquals("no socket in the JVM's own namespace", ownSockets, NetlinkSockets.count());

                // The JVM's own namespace by path: spellings of it share one pool too (reads only).
                for (String own : List.of("/proc/self/ns/net", "/proc//self/ns/net", "/proc/self/./ns/net",
                        "/proc/thread-self/ns/net", "/proc/" + ProcessHandle.current().pid() + "/ns/net")) {
                    root.inNamespace(own).count(ConntrackFilter.ALL);
                }
                assertEquals("the own namespace by path: one more pool", 2, root.namespacePools());
                assertTrue(NetlinkSockets.count() - ownSockets <= ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE);
            } finally {
                inside.destroy();
                inside.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** 1,000 distinct paths to the namespace: the name, slashes, dots, /run and /var/run, a process's ns/net. */
    private static List<String> spellings(String name, long pid) {
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        for (int i = 0; i < 50; i++) {
            out.add("/var/run/netns/" + "./".repeat(i) + name);
            out.add("/run/netns/" + "../netns/".repeat(i % 20) + "/".repeat(i / 20 + 1) + name);
            out.add("/".repeat(i + 1) + "proc/" + pid + "/ns/net");
            out.add("/proc/" + pid + "/task/" + pid + "/" + "/".repeat(i) + "ns/net");
        }
        for (int a = 1; out.size() < 1000; a++) {
            for (int b = 1; b <= 20 && out.size() < 1000; b++) {
                out.add((a % 2 == 0 ? "/run" : "/var/run") + "/".repeat(a) + "netns" + "/".repeat(b) + name);
            }
        }
        return new ArrayList<>(out);
    }

    /** Waits until {@code ip netns exec} has entered the namespace and become the command. */
    private static void awaitSameNamespace(String path, String namespace) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(Paths.get(path))
                || !Files.getAttribute(Paths.get(path), "unix:ino").equals(Files.getAttribute(Paths.get(namespace),
                "unix:ino"))) {
            assertTrue(path + " never entered " + namespace, System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }

    @Test
    public void poolsAreBoundedAndABusyBoundFailsAtOnce() throws Exception {
        List<TestNamespace> namespaces = new ArrayList<>();
        try (NetlinkConntrackService root = Conntrack.open(ConntrackOptions.defaults().withPools(2, 3))) {
            for (int i = 0; i < 5; i++) {
                namespaces.add(TestNamespace.create("jct-bound"));
            }
            String[] names = namespaces.stream().map(TestNamespace::name).toArray(String[]::new);
            int ownSockets = NetlinkSockets.count();
            for (int round = 0; round < 3; round++) {
                for (String name : names) {
                    root.inNamespace(name).create(FaultsKernelTest.entries(1, round, 5));
                    assertEquals(round + 1, root.inNamespace(name).count(MARKED));
                    assertTrue("pools: " + root.namespacePools(), root.namespacePools() <= 3);
                }
            }
            int sockets = NetlinkSockets.count(names) - ownSockets;
            assertTrue("sockets of the least recently used pools were closed: " + sockets, sockets <= 3);

            // Three slow streams keep every pool in use: a fourth namespace is refused at once.
            CountDownLatch streaming = new CountDownLatch(3);
            CountDownLatch finish = new CountDownLatch(1);
            List<Thread> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ConntrackService ct = root.inNamespace(names[i]);
                Thread t = new Thread(() -> ct.forEach(MARKED, e -> {
                    streaming.countDown();
                    awaitQuietly(finish);
                }));
                streams.add(t);
                t.start();
            }
            assertTrue(streaming.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            ConntrackException busy = assertThrows(ConntrackException.class,
                    () -> root.inNamespace(names[3]).count(MARKED));
            assertTrue("refused at once", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
            assertEquals("EBUSY", busy.errnoName());
            assertTrue(busy.getMessage(), busy.getMessage().contains("too many network namespaces in use")
                    && busy.getMessage().contains("maxNamespaces"));
            assertEquals("a namespace with a pool is still served", 3, root.inNamespace(names[0]).count(MARKED));
            finish.countDown();
            for (Thread t : streams) {
                t.join(10_000);
            }
            assertEquals("room again once the streams ended", 3, root.inNamespace(names[3]).count(MARKED));
            assertTrue(root.namespacePools() <= 3);
        } finally {
            namespaces.forEach(TestNamespace::close);
        }
    }

    @Test
    public void slowStreamsLeaveASocketForShortRequests() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-fair");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ct.create(FaultsKernelTest.entries(10, 0, 5));
            int streams = ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE;
            CountDownLatch streaming = new CountDownLatch(streams - 1);
            CountDownLatch finish = new CountDownLatch(1);
            AtomicLong streamed = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Thread t = new Thread(() -> {
                    try {
                        streamed.addAndGet(ct.forEach(ConntrackFilter.ALL, e -> {
                            streaming.countDown();
                            awaitQuietly(finish); // a slow HTTP client
                        }));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            assertTrue("streams hold sockets", streaming.await(10, TimeUnit.SECONDS));
            Thread.sleep(200); // the last stream waits for a socket by now
            long start = System.nanoTime();
            assertEquals(10, ct.count(MARKED));
            assertEquals(10, ct.count(ConntrackFilter.ALL));
            assertTrue(ct.get(FaultsKernelTest.entries(1, 0, 5).get(0).original(), 0).isPresent());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("short requests answered in " + millis + " ms while streams hold sockets", millis < 5_000);
            finish.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals("every stream ran to its end", 10L * streams, streamed.get());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
