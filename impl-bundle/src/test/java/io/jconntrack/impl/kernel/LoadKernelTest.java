package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

/**
 * Eight threads mix create (single and bulk), list, count, delete and deleteMatching on one namespace for
 * {@code -Djconntrack.loadSeconds} (10 by default; 60 for the long run). Each thread owns a mark and a port range,
 * so it knows exactly which entries exist: every list and count must agree with it, and at the end
 * created - deleted must equal the CLI's count. File descriptors and threads return to their starting numbers.
 */
public class LoadKernelTest {
    private static final int THREADS = 8;

    @Test
    public void eightThreadsMixingEveryOperationKeepExactCounts() throws Exception {
        int seconds = Integer.getInteger("jconntrack.loadSeconds", 10);
        try (TestNamespace ns = TestNamespace.create("jct-load")) {
            try (NetlinkConntrackService warm = Conntrack.open()) {
                warm.inNamespace(ns.name()).count(ConntrackFilter.ALL); // JNA and class loading before counting
            }
            // Only conntrack netlink sockets count: other descriptors of the JVM come and go (NetlinkSockets).
            int sockets = NetlinkSockets.count(ns.name());
            int threadsBefore = Thread.activeCount();
            AtomicLong created = new AtomicLong();
            AtomicLong deleted = new AtomicLong();
            AtomicLong operations = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            try (NetlinkConntrackService root = Conntrack.open()) {
                ConntrackService ct = root.inNamespace(ns.name());
                List<Thread> workers = new ArrayList<>();
                for (int w = 0; w < THREADS; w++) {
                    int id = w;
                    Thread t = new Thread(() -> {
                        try {
                            work(ct, id, deadline, created, deleted, operations);
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }, "load-" + w);
                    workers.add(t);
                    t.start();
                }
                for (Thread t : workers) {
                    t.join();
                }
                assertTrue("unexpected: " + errors, errors.isEmpty());
                long expected = created.get() - deleted.get();
                assertEquals("created - deleted against the CLI", expected, ns.cliCount());
                assertEquals(expected, ct.count(ConntrackFilter.ALL));
                System.out.printf("load: %d s, %d threads, %d operations (%.0f/s), created %d, deleted %d, left %d%n",
                        seconds, THREADS, operations.get(), operations.get() / (double) seconds, created.get(),
                        deleted.get(), expected);
            }
            assertEquals("conntrack netlink sockets", sockets, NetlinkSockets.count(ns.name()));
            assertEquals("threads", threadsBefore, Thread.activeCount());
        }
    }

    private static Tuple tuple(int worker, int n) {
        // Two sources per worker, so a source selection deletes part of its entries.
        return Tuple.tcp(ip("192.0.2." + (1 + worker * 2 + n % 2)), ip("198.51.100.7"), 1024 + n, 443);
    }

    private static ConntrackEntry entry(int worker, int n) {
        return ConntrackEntry.builder(tuple(worker, n)).timeout(3600).mark(worker + 1).build();
    }

    private static void work(ConntrackService ct, int worker, long deadline, AtomicLong created, AtomicLong deleted,
                             AtomicLong operations) {
        Random r = new Random(worker);
        Set<Integer> live = new HashSet<>();
        ConntrackFilter mine = ConntrackFilter.builder().mark(worker + 1).build();
        int next = 0;
        while (System.nanoTime() < deadline) {
            int op = r.nextInt(10);
            if (op < 3 || live.isEmpty()) {
                int n = next++ % 60000;
                if (live.contains(n)) {
                    continue;
                }
                ct.create(entry(worker, n));
                live.add(n);
                created.incrementAndGet();
            } else if (op == 3) {
                List<ConntrackEntry> batch = new ArrayList<>();
                for (int i = 0; i < 50 + r.nextInt(200); i++) {
                    int n = next++ % 60000;
                    if (live.add(n)) {
                        batch.add(entry(worker, n));
                    }
                }
                BulkResult b = ct.create(batch);
                assertEquals(b.toString(), batch.size(), b.succeeded());
                created.addAndGet(b.succeeded());
            } else if (op == 4) {
                assertEquals("list of worker " + worker, live.size(), ct.list(mine).size());
            } else if (op == 5) {
                assertEquals("count of worker " + worker, live.size(), ct.count(mine));
            } else if (op <= 7) {
                Integer n = live.iterator().next();
                assertTrue("worker " + worker + " deletes its entry " + n, ct.delete(entry(worker, n)));
                live.remove(n);
                deleted.incrementAndGet();
            } else if (op == 8) {
                int parity = r.nextInt(2);
                String source = "192.0.2." + (1 + worker * 2 + parity) + "/32";
                long expected = live.stream().filter(n -> n % 2 == parity).count();
                long n = ct.deleteMatching(mine.toBuilder().source(source).build());
                assertEquals("deleteMatching by source of worker " + worker, expected, n);
                live.removeIf(x -> x % 2 == parity);
                deleted.addAndGet(n);
            } else if (r.nextInt(4) == 0) {
                long n = ct.deleteMatching(mine);
                assertEquals("deleteMatching of worker " + worker, live.size(), n);
                live.clear();
                deleted.addAndGet(n);
            }
            operations.incrementAndGet();
        }
    }
}
