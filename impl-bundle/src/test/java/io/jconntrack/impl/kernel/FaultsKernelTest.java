package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * Faults injected against the real kernel, each in namespaces of its own: a namespace deleted under a running dump
 * and between calls, a receive buffer too small for a batch's acknowledgements, the kernel rejecting requests in the
 * middle of bulk updates and deletes, and the service closed while calls are in flight.
 */
public class FaultsKernelTest {

    static List<ConntrackEntry> entries(int n, int firstPort, long mark) {
        List<ConntrackEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tuple t = Tuple.tcp(ip("192.0.2." + (1 + i / 60000)), ip("198.51.100.1"), 1024 + (firstPort + i) % 60000,
                    80);
            out.add(ConntrackEntry.builder(t).timeout(600).mark(mark).build());
        }
        return out;
    }

    @Test
    public void namespaceDeletedWhileDumpsRunEndsCleanlyAndIsNotKeptAlive() throws Exception {
        TestNamespace ns = TestNamespace.create("jct-fault-del");
        try (NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            assertEquals(20_000, ct.create(entries(20_000, 0, 0)).succeeded());
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicLong fullLists = new AtomicLong();
            AtomicLong goneReports = new AtomicLong();
            CountDownLatch dumping = new CountDownLatch(2);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    dumping.countDown();
                    while (!stop.get()) {
                        try {
                            int n = ct.list(ConntrackFilter.ALL).size();
                            if (n != 20_000) {
                                unexpected.add(new AssertionError("a silently short list: " + n));
                            }
                            fullLists.incrementAndGet();
                        } catch (ConntrackException e) {
                            if (e.getMessage().contains("does not exist")) {
                                goneReports.incrementAndGet();
                                return;
                            }
                            unexpected.add(e);
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            dumping.await();
            Thread.sleep(150); // dumps in flight
            ns.close();
            for (Thread t : threads) {
                t.join(30_000);
            }
            stop.set(true);
            assertTrue("unexpected: " + unexpected, unexpected.isEmpty());
            assertEquals("both dumping threads were told the namespace is gone", 2, goneReports.get());
            assertTrue("the dumps ran before the namespace went", fullLists.get() > 0);
            assertEquals("no pooled socket keeps the deleted namespace alive", 0, root.idleSockets());
            ConntrackException e = assertThrows("expected the namespace to be reported gone",
                    ConntrackException.class, () -> ct.count(ConntrackFilter.ALL));
            assertEquals("ENOENT", e.errnoName());
            assertTrue(e.getMessage(), e.getMessage().contains("network namespace '" + ns.name()
                    + "' does not exist"));
        } finally {
            ns.close();
        }
    }

    @Test
    public void socketsOfADeletedNamespaceAreClosedWithoutAnotherCallToIt() throws Exception {
        TestNamespace gone = TestNamespace.create("jct-fault-gone");
        try (TestNamespace other = TestNamespace.create("jct-fault-other");
             NetlinkConntrackService root = Conntrack.open()) {
            root.inNamespace(gone.name()).count(ConntrackFilter.ALL);
            root.inNamespace(other.name()).count(ConntrackFilter.ALL);
            assertEquals(2, root.idleSockets());
            gone.close();
            Thread.sleep(1100); // the sweep of dead namespaces runs at most once a second
            root.inNamespace(other.name()).count(ConntrackFilter.ALL);
            assertEquals("only the live namespace's socket stays pooled", 1, root.idleSockets());
        } finally {
            gone.close();
        }
    }

    @Test
    public void tinyReceiveBufferAndHugeBatchIsReportedNeverSilentlyShort() {
        try (TestNamespace ns = TestNamespace.create("jct-fault-nobufs");
             NetlinkConntrackService root = Conntrack.open(new ConntrackOptions(
                     ConntrackOptions.MIN_RECEIVE_BUFFER_SIZE, ConntrackOptions.MAX_BATCH_SIZE, null, 4, 5000, true,
                     ConntrackOptions.DEFAULT_EVENT_BUFFER_SIZE, ConntrackOptions.DEFAULT_MAX_EVENT_BUFFER_SIZE,
                     ConntrackOptions.DEFAULT_MAX_NAMESPACES))) {
            ConntrackService ct = root.inNamespace(ns.name());
            int n = 3 * ConntrackOptions.MAX_BATCH_SIZE;
            try {
                BulkResult r = ct.create(entries(n, 0, 0));
                // Recovered: then every entry must be accounted for.
                assertEquals(n, r.succeeded() + r.failed());
                assertEquals(r.succeeded(), ns.cliCount());
            } catch (ConntrackException e) {
                assertEquals(e.getMessage(), "ENOBUFS", e.errnoName());
                assertTrue(e.getMessage(), e.getMessage().contains("unknown outcome"));
                assertTrue(e.getMessage(), e.getMessage().contains("not attempted"));
                System.out.println("tiny receive buffer, reported: " + e.getMessage());
            }
            // The socket that overflowed was discarded: the next calls work and agree with the CLI.
            assertEquals(ns.cliCount(), ct.count(ConntrackFilter.ALL));
            assertEquals(ns.cliCount(), ct.list(ConntrackFilter.ALL).size());
            DeleteResult d = root.inNamespace(ns.name()).delete(ct.list(ConntrackFilter.ALL));
            assertTrue("complete, or failed with ENOBUFS only: " + d,
                    d.isComplete() || d.failures().stream().allMatch(f -> "ENOBUFS".equals(f.errno())));
        } catch (ConntrackException e) {
            if (!"ENOBUFS".equals(e.errnoName())) {
                throw e;
            }
            // the bulk delete overflowed too: reported, as required
        }
    }

    @Test
    public void bulkUpdateAndDeleteReportTheOneRejectedInTheMiddle() {
        try (TestNamespace ns = TestNamespace.create("jct-fault-bulk");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            List<ConntrackEntry> present = entries(6, 0, 0);
            assertTrue("the six entries are created", ct.create(present).isComplete());
            Tuple missing = Tuple.tcp(ip("192.0.2.99"), ip("198.51.100.99"), 9, 9);

            List<ConntrackUpdate> updates = new ArrayList<>();
            for (ConntrackEntry e : present) {
                updates.add(ConntrackUpdate.of(e.original(), 0).mark(7).build());
            }
            updates.add(3, ConntrackUpdate.of(missing, 0).mark(7).build());
            BulkResult u = ct.update(updates);
            assertEquals(6, u.succeeded());
            assertEquals(1, u.failed());
            assertEquals("ENOENT", u.failures().get(0).errno());
            assertEquals(missing, u.failures().get(0).tuple());
            assertEquals(6, ns.cliCount("-m", "7"));

            // A delete guarded by a stale id is refused by the kernel; the others go.
            List<ConntrackEntry> listed = new ArrayList<>(ct.list(ConntrackFilter.ALL));
            ConntrackEntry stale = ConntrackEntry.builder(listed.get(2).original()).timeout(600)
                    .id(listed.get(2).id() ^ 0x5a5a5a5aL).build();
            listed.set(2, stale);
            listed.add(4, ConntrackEntry.builder(missing).timeout(600).build());
            DeleteResult d = ct.delete(listed);
            assertEquals(5, d.deleted());
            assertEquals("a stale id and a missing entry are both 'already gone'", 2, d.alreadyGone());
            assertTrue("and no failure: " + d, d.isComplete());
            assertEquals("the entry whose id did not match survives", 1, ns.cliCount());
        }
    }

    @Test
    public void closingTheServiceUnderLoadFailsCallsCleanlyAndLeaksNothing() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-fault-close")) {
            try (NetlinkConntrackService warm = Conntrack.open()) {
                warm.inNamespace(ns.name()).create(entries(5000, 0, 1));
            }
            // Only conntrack netlink sockets count: other descriptors of the JVM come and go (NetlinkSockets).
            int sockets = NetlinkSockets.count(ns.name());
            int threadsBefore = Thread.activeCount();
            NetlinkConntrackService root = Conntrack.open();
            ConntrackService ct = root.inNamespace(ns.name());
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicLong closedReports = new AtomicLong();
            AtomicLong calls = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int kind = i;
                Thread t = new Thread(() -> {
                    int port = 0;
                    while (true) {
                        try {
                            switch (kind % 3) {
                                case 0: ct.list(ConntrackFilter.ALL); break;
                                case 1: ct.count(ConntrackFilter.builder().mark(1).build()); break;
                                default:
                                    Tuple tu = Tuple.udp(ip("192.0.2.200"), ip("198.51.100.1"),
                                            1024 + kind * 1000 + port++ % 1000, 53);
                                    ct.create(ConntrackEntry.builder(tu).timeout(600).build());
                                    ct.delete(ConntrackEntry.builder(tu).timeout(600).build());
                            }
                            calls.incrementAndGet();
                        } catch (ConntrackException e) {
                            if (e.getMessage().contains("closed")) {
                                closedReports.incrementAndGet();
                                return;
                            }
                            unexpected.add(e);
                            return;
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            Thread.sleep(700);
            root.close();
            for (Thread t : threads) {
                t.join(30_000);
                assertFalse("a caller is stuck after close", t.isAlive());
            }
            assertTrue("unexpected: " + unexpected, unexpected.isEmpty());
            assertEquals(6, closedReports.get());
            assertTrue("calls ran before the close", calls.get() > 0);
            assertEquals(0, root.idleSockets());
            TimeUnit.MILLISECONDS.sleep(100);
            assertEquals("conntrack netlink sockets", sockets, NetlinkSockets.count(ns.name()));
            assertEquals("threads", threadsBefore, Thread.activeCount());
        }
    }
}
