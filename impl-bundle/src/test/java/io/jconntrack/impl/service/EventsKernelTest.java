package io.jconntrack.impl.service;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;

/** Event subscriptions against the kernel, each in a namespace of the test's own. */
public class EventsKernelTest {

    /** Collects events into a queue. */
    private static class Collector implements ConntrackListener {
        final BlockingQueue<ConntrackEvent> events = new LinkedBlockingQueue<>();
        final AtomicLong overflows = new AtomicLong();
        final AtomicReference<ConntrackException> error = new AtomicReference<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onEvent(ConntrackEvent event) {
            events.add(event);
        }

        @Override
        public void onOverflow(long n) {
            overflows.set(n);
        }

        @Override
        public void onError(ConntrackException e) {
            error.set(e);
            ended.countDown();
        }

        ConntrackEvent next() throws InterruptedException {
            ConntrackEvent e = events.poll(5, TimeUnit.SECONDS);
            assertNotNull("no event within 5 s", e);
            return e;
        }
    }

    @Test
    public void newUpdateDestroyInKernelOrder() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-ev");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            Collector c = new Collector();
            try (Subscription s = ct.subscribe(EventFilter.ALL, c)) {
                ns.conntrack("-I", "-p", "tcp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1",
                        "--dport", "2", "--state", "ESTABLISHED", "-t", "300", "-w", "3");
                ct.update(io.jconntrack.api.ConntrackUpdate.of(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2),
                        3).mark(9).build());
                ns.conntrack("-D", "-p", "tcp", "-s", "192.0.2.1", "-w", "3");
                ConntrackEvent created = c.next();
                assertEquals(EventType.NEW, created.type());
                assertTrue("caused by the conntrack tool's request: " + created.originPortId(),
                        created.fromUserspace());
                assertEquals(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2), created.entry().original());
                assertEquals(3, created.entry().zone());
                ConntrackEvent updated = c.next();
                assertEquals(EventType.UPDATE, updated.type());
                assertEquals(9, updated.entry().mark());
                ConntrackEvent destroyed = c.next();
                assertEquals(EventType.DESTROY, destroyed.type());
                assertEquals(created.entry().id(), destroyed.entry().id());
                assertEquals(3, s.delivered());
            }
        }
    }

    @Test
    public void theKernelFiltersByFamilyProtocolAndZone() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-evf");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            Collector c = new Collector();
            EventFilter f = EventFilter.of(ConntrackFilter.builder().protocol(Protocol.UDP).zone(7).build(),
                    EventType.NEW);
            EventSubscription s = (EventSubscription) ct.subscribe(f, c);
            try {
                List<ConntrackEntry> entries = new ArrayList<>();
                for (int zone : new int[] {0, 7, 8}) {
                    entries.add(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                            .zone(zone).timeout(60).build());
                    entries.add(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                            .zone(zone).timeout(60).build());
                    entries.add(ConntrackEntry.builder(Tuple.udp(ip("2001:db8::1"), ip("2001:db8::2"), 1, 2))
                            .zone(zone).timeout(60).build());
                }
                assertTrue("the entries are created", ct.create(entries).isComplete());
                ct.flush(); // DESTROY events: not subscribed
                ConntrackEvent a = c.next();
                ConntrackEvent b = c.next();
                for (ConntrackEvent e : List.of(a, b)) {
                    assertEquals(EventType.NEW, e.type());
                    assertEquals(Protocol.UDP, e.entry().protocol());
                    assertEquals(7, e.entry().zone());
                }
                Thread.sleep(300);
                assertEquals("only the two UDP entries of zone 7", 0, c.events.size());
                assertEquals("the socket filter dropped the rest in the kernel", 0, s.droppedInJava());
            } finally {
                s.close();
            }
        }
    }

    @Test
    public void lostEventsAreReportedAndTheBufferGrows() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-evo");
             NetlinkConntrackService root = Conntrack.open(ConntrackOptions.defaults()
                     .withEventBuffers(ConntrackOptions.MIN_RECEIVE_BUFFER_SIZE, 4 * 1024 * 1024))) {
            ConntrackService ct = root.inNamespace(ns.name());
            CountDownLatch release = new CountDownLatch(1);
            Collector c = new Collector() {
                @Override
                public void onEvent(ConntrackEvent event) {
                    try {
                        release.await(10, TimeUnit.SECONDS); // a slow listener: the kernel must drop
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.onEvent(event);
                }
            };
            EventSubscription s = (EventSubscription) ct.subscribe(EventFilter.of(ConntrackFilter.ALL,
                    EventType.NEW), c);
            try {
                List<ConntrackEntry> entries = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    entries.add(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 1000 + i, 53))
                            .timeout(60).build());
                }
                assertTrue("the entries are created", ct.create(entries).isComplete());
                release.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (c.overflows.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue("the listener was told that events were lost", c.overflows.get() > 0);
                assertTrue("the subscription goes on after an overflow", s.isOpen());
                assertTrue("the buffer grew", s.bufferSize() > ConntrackOptions.MIN_RECEIVE_BUFFER_SIZE);
                assertTrue("some events were lost: " + s.delivered() + " delivered", s.delivered() < 5000);
                assertEquals("the smallest buffer: the hand-off holds one batch", DatagramBatch.CAPACITY,
                        s.handOffCapacity());
                assertTrue("the receiver waited instead of growing the heap: peak " + s.handOffPeak(),
                        s.handOffPeak() <= s.handOffCapacity());
                // the subscription keeps running after the overflow: once the backlog is read, new events arrive
                long seen;
                do {
                    seen = s.delivered();
                    Thread.sleep(300);
                } while (s.delivered() != seen);
                c.events.clear();
                ct.create(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.9"), ip("198.51.100.9"), 1, 2)).timeout(60)
                        .build());
                ConntrackEvent after;
                do {
                    after = c.next();
                } while (!after.entry().original().protocol().equals(Protocol.TCP));
                assertEquals(EventType.NEW, after.type());
            } finally {
                s.close();
            }
        }
    }

    @Test
    public void aBurstWithinTheDefaultBuffersLosesNothingWhileTheListenerIsBlocked() throws Exception {
        int entries = 20_000;
        try (TestNamespace ns = TestNamespace.create("jct-evb");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            CountDownLatch release = new CountDownLatch(1);
            List<ConntrackEvent> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            Collector c = new Collector() {
                @Override
                public void onEvent(ConntrackEvent event) {
                    try {
                        release.await(30, TimeUnit.SECONDS); // blocked for the whole burst
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seen.add(event);
                }
            };
            EventSubscription s = (EventSubscription) ct.subscribe(EventFilter.of(ConntrackFilter.ALL,
                    EventType.NEW, EventType.DESTROY), c);
            try {
                assertTrue("SO_RCVBUFFORCE as root: " + s.grantedBufferSize() + " bytes",
                        s.grantedBufferSize() >= ConntrackOptions.DEFAULT_EVENT_BUFFER_SIZE);
                List<ConntrackEntry> burst = new ArrayList<>();
                for (int i = 0; i < entries; i++) {
                    burst.add(ConntrackEntry.builder(Tuple.udp(ip("192.0.2.1"), ip("198.51.100.1"), 10_000 + i, 53))
                            .timeout(60).build());
                }
                assertTrue("the entries are created", ct.create(burst).isComplete());
                ct.flush();
                // The receiver drains the socket into the hand-off while the listener is blocked: all but the
                // event in the listener's hands, each over 100 bytes.
                int drained = (2 * entries - 1) * 100;
                long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (s.handOffPeak() < drained && System.nanoTime() < wait) {
                    Thread.sleep(50);
                }
                assertTrue("the hand-off took the burst off the socket: peak " + s.handOffPeak() + " bytes",
                        s.handOffPeak() >= drained);
                release.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (s.delivered() < 2L * entries && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("no overflow", 0, s.overflows());
                assertEquals("no overflow reported", 0, c.overflows.get());
                assertEquals("every event delivered", 2L * entries, s.delivered());
                for (int i = 0; i < entries; i++) {
                    ConntrackEvent e = seen.get(i);
                    assertEquals("event " + i, EventType.NEW, e.type());
                    assertEquals("NEW events in creation order", 10_000 + i, e.entry().original().sourcePort());
                }
                // Entries told apart by their tuples (distinct source ports), not by their kernel ids: those are
                // 32-bit hashes, and among 20,000 two collide in about one run of twenty.
                java.util.Set<Integer> destroyed = new java.util.HashSet<>();
                for (int i = 0; i < entries; i++) {
                    ConntrackEvent d = seen.get(entries + i);
                    assertEquals("event " + (entries + i), EventType.DESTROY, d.type());
                    assertTrue("destroyed once: " + d.entry(), destroyed.add(d.entry().original().sourcePort()));
                }
                assertEquals("each entry destroyed once", entries, destroyed.size());
            } finally {
                release.countDown();
                s.close();
            }
        }
    }

    @Test
    public void closingFromTheListenerEndsBothThreadsAndTheSocket() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-evl");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ct.count(ConntrackFilter.ALL); // the pooled socket exists before the measurement
            int sockets = NetlinkSockets.count(ns.name());
            int threads = Thread.activeCount();
            AtomicReference<Subscription> self = new AtomicReference<>();
            CountDownLatch closed = new CountDownLatch(1);
            Collector c = new Collector() {
                @Override
                public void onEvent(ConntrackEvent event) {
                    super.onEvent(event);
                    self.get().close();
                    closed.countDown();
                }
            };
            self.set(ct.subscribe(EventFilter.ALL, c));
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1", "--dport", "2",
                    "-t", "60");
            assertTrue("the listener closed its subscription", closed.await(5, TimeUnit.SECONDS));
            assertFalse(self.get().isOpen());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Thread.activeCount() > threads && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("receiver and dispatcher ended", threads, Thread.activeCount());
            assertTrue("the subscription's socket is closed", NetlinkSockets.count(ns.name()) <= sockets);
            assertEquals(1, c.events.size());
            assertNull("closing is not an error", c.error.get());
        }
    }

    @Test
    public void aDeletedNamespaceEndsTheSubscriptionAndIsReleased() throws Exception {
        TestNamespace ns = TestNamespace.create("jct-evd");
        try (NetlinkConntrackService root = Conntrack.open()) {
            Collector c = new Collector();
            Subscription s = root.inNamespace(ns.name()).subscribe(EventFilter.ALL, c);
            ns.close();
            assertTrue("onError within 5 s", c.ended.await(5, TimeUnit.SECONDS));
            assertTrue(c.error.get().getMessage(), c.error.get().getMessage().contains("was deleted"));
            assertFalse("the subscription ended", s.isOpen());
            s.close();
        } finally {
            ns.close();
        }
    }

    @Test
    public void closingFreesTheSocketAndTheThread() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-evc");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ct.count(ConntrackFilter.ALL); // the pooled socket exists before the measurement
            // Only conntrack netlink sockets count: other descriptors of the JVM come and go (NetlinkSockets).
            int sockets = NetlinkSockets.count(ns.name());
            int threads = Thread.activeCount();
            for (int i = 0; i < 10; i++) {
                Subscription s = ct.subscribe(EventFilter.ALL, new Collector());
                assertTrue("open after subscribe", s.isOpen());
                s.close();
                assertFalse("closed after close", s.isOpen());
            }
            Collector told = new Collector();
            Subscription open = ct.subscribe(EventFilter.ALL, told);
            root.close(); // closing the service ends its subscriptions, and says so
            assertFalse("closing the service closed the subscription", open.isOpen());
            assertTrue("onError within 5 s", told.ended.await(5, TimeUnit.SECONDS));
            assertTrue(told.error.get().getMessage(), told.error.get().getMessage().contains("service was closed"));
            assertEquals(threads, Thread.activeCount());
            assertTrue("conntrack netlink sockets: " + sockets + " before",
                    NetlinkSockets.count(ns.name()) <= sockets);
        }
    }
}
