package io.jconntrack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.TestNamespace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Configuration changes and bundle restarts in a running container. The service is always taken from a tracker:
 * the component is re-activated (a new object) on every change, and the old one is closed.
 */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConntrackLifecycleIT extends KarafTestSupport {
    private static final String PID = "io.jconntrack";
    private static final int CYCLES = 20;

    @Inject
    private ConfigurationAdmin configAdmin;

    private ServiceTracker<ConntrackService, ConntrackService> tracker;

    @Before
    public void track() {
        tracker = new ServiceTracker<>(bundleContext, ConntrackService.class, null);
        tracker.open();
    }

    @After
    public void untrack() throws IOException {
        tracker.close();
        Configuration c = configAdmin.getConfiguration(PID, null);
        if (c.getProperties() != null) {
            c.delete();
        }
    }

    @Test
    public void configurationChangeIsAppliedWithoutRestart() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            for (int i = 0; i < 3; i++) {
                ns.createTcp("192.0.2." + (i + 1), "198.51.100.1", 2000 + i, 443, 31);
            }
            Bundle impl = bundle(IMPL_BSN);
            long implId = impl.getBundleId();
            ConntrackService before = service();
            assertNull("by default the container's own namespace", before.namespace());

            Configuration c = moveServiceTo(ns, before);
            ConntrackService after = service();
            assertEquals("count sees the entries the CLI made in " + ns.name(), 3, after.count(ConntrackFilter.ALL));
            assertEquals(3, after.count(ConntrackFilter.zone(31)));
            after.flush(31);
            assertEquals("and works there", 0, ns.cliCount());
            assertEquals("no restart: same impl bundle, still active", Bundle.ACTIVE, impl.getState());
            assertSame(impl, bundleContext.getBundle(implId));

            c.delete();
            waitUntil(() -> "the component did not return to the container's namespace",
                () -> tracker.getService() != null && tracker.getService().namespace() == null);
        }
    }

    @Test
    public void conntrackEventsArePostedOnEventAdmin() throws Exception {
        assertEventsPosted();
    }

    /**
     * The Event Admin is optional (OpenDaylight runs none): without one the implementation bundle is Active, no
     * component waits and the service works; once one is there again, events are posted on it.
     */
    @Test
    public void withoutEventAdminTheBundleIsActiveAndEventsFollowOneThatAppears() throws Exception {
        // Whichever bundle registers the container's Event Admin (Karaf 4.4 ships its own, not Felix's).
        org.osgi.framework.ServiceReference<org.osgi.service.event.EventAdmin> admin =
                bundleContext.getServiceReference(org.osgi.service.event.EventAdmin.class);
        assertNotNull("an Event Admin in the container", admin);
        Bundle eventAdmin = admin.getBundle();
        eventAdmin.stop();
        try {
            waitUntil(() -> "an Event Admin is still registered",
                () -> bundleContext.getServiceReference(org.osgi.service.event.EventAdmin.class) == null);
            Console console = Console.of(bundleContext);
            waitUntil(() -> "the impl bundle is not Active without Event Admin: "
                    + console.execute("bundle:list -s --no-format", Console.ADMIN_ROLES).out(),
                () -> console.execute("bundle:list -s --no-format", Console.ADMIN_ROLES).out().lines()
                        .anyMatch(l -> l.trim().endsWith(IMPL_BSN) && l.split("\t")[1].trim().equals("Active")));
            String diag = console.execute("bundle:diag " + bundle(IMPL_BSN).getBundleId(), Console.ADMIN_ROLES).out();
            assertTrue("no component of the impl bundle waits: " + diag, !diag.contains("missing references"));
            assertEquals(0, service().count(ConntrackFilter.zone(33)));
        } finally {
            eventAdmin.start();
        }
        assertEventsPosted();
    }

    private void assertEventsPosted() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            ConntrackService before = service();
            // The bridge follows the service into its default namespace: no event of the container's own table.
            moveServiceTo(ns, before);
            List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            Dictionary<String, Object> topics = new Hashtable<>();
            topics.put(EventConstants.EVENT_TOPIC, "io/jconntrack/conntrack/*");
            ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class,
                    events::add, topics);
            try {
                // The bridge re-activates after the service; entries made before it subscribed send no event,
                // so make one per attempt until an event arrives.
                Event created = null;
                for (int attempt = 0; attempt < 15 && created == null; attempt++) {
                    int port = 3000 + attempt;
                    ns.createTcp("192.0.2.77", "198.51.100.1", port, 443, 32);
                    long deadline = System.currentTimeMillis() + 2_000;
                    while (created == null && System.currentTimeMillis() < deadline) {
                        created = events.stream().filter(e -> e.getTopic().equals("io/jconntrack/conntrack/NEW")
                                && "192.0.2.77".equals(e.getProperty("src"))).findFirst().orElse(null);
                        Thread.sleep(50);
                    }
                }
                assertNotNull("a NEW event on Event Admin, got " + events, created);
                assertEquals(32, created.getProperty("zone"));
                assertEquals("tcp", created.getProperty("protocol"));
                assertEquals(443, created.getProperty("dport"));
                assertTrue("the entry property is the ConntrackEntry: " + created.getProperty("entry"),
                        created.getProperty("entry") instanceof io.jconntrack.api.ConntrackEntry);
                service().flush(32);
                waitUntil(() -> "no DESTROY event after the flush: " + events, () -> events.stream().anyMatch(
                        e -> e.getTopic().equals("io/jconntrack/conntrack/DESTROY")
                                && "192.0.2.77".equals(e.getProperty("src"))));
            } finally {
                handler.unregister();
            }
        }
    }

    @Test
    public void restartingTheImplBundleLeaksNoSocketsOrThreads() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            ns.createTcp("192.0.2.1", "198.51.100.1", 1000, 443, 3);
            Bundle impl = bundle(IMPL_BSN);
            // Warm-up: classes loaded, JNA extracted, every pool and subscription of a running service open.
            for (int i = 0; i < 2; i++) {
                cycle(impl, ns);
            }
            Snapshot base = Snapshot.take(ns);
            assertTrue("the count sees the running service's pooled sockets: " + base, base.sockets > 0);
            for (int i = 0; i < CYCLES; i++) {
                cycle(impl, ns);
            }
            // Closed sockets and ended threads go at once; give a thread that was told to end a moment to do so.
            Snapshot[] end = {Snapshot.take(ns)};
            long deadline = System.currentTimeMillis() + 5_000;
            while ((end[0].sockets > base.sockets || end[0].jconntrackThreads.size() > base.jconntrackThreads.size())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                end[0] = Snapshot.take(ns);
            }
            Snapshot after = end[0];
            System.out.println("before " + CYCLES + " restarts: " + base + "\nafter: " + after);
            assertTrue("conntrack netlink sockets: " + base.sockets + " before, " + after.sockets + " after " + CYCLES
                    + " restarts", after.sockets <= base.sockets);
            assertTrue("of those in the container's namespace: " + base.netlinkSockets + " before, "
                    + after.netlinkSockets + " after", after.netlinkSockets <= base.netlinkSockets);
            assertEquals("jconntrack threads", base.jconntrackThreads, after.jconntrackThreads);
            // Two threads of tolerance: the JVM and Pax Exam's RMI channel start and end helper threads on their
            // own (e.g. "RMI TCP Connection", "Common-Cleaner" work); a leak of one thread per restart gives 20.
            assertTrue("live threads: " + base.threads + " before, " + after.threads + " after; new: "
                    + after.newSince(base), after.threads <= base.threads + 2);
        }
    }

    /**
     * Sets the component's defaultNamespace through ConfigAdmin and waits until the service is re-activated there
     * (a new object, not {@code before}).
     */
    private Configuration moveServiceTo(TestNamespace ns, ConntrackService before) throws IOException {
        Configuration c = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("defaultNamespace", ns.name());
        c.update(props);
        waitUntil(() -> "the component was not re-activated with defaultNamespace " + ns.name(), () -> {
            ConntrackService s = tracker.getService();
            return s != null && s != before && ns.name().equals(s.namespace());
        });
        return c;
    }

    /** Stops and starts the impl bundle, then uses the new service so that its sockets really open. */
    private void cycle(Bundle impl, TestNamespace ns) throws Exception {
        impl.stop();
        waitUntil(() -> "ConntrackService still registered after stopping the bundle", () -> tracker.isEmpty());
        impl.start();
        ConntrackService s = service();
        assertEquals(1, s.inNamespace(ns.name()).count(ConntrackFilter.ALL));
        assertEquals(1, s.inNamespace(ns.name()).list(ConntrackFilter.zone(3)).size());
        s.count(ConntrackFilter.zone(3));
        assertNotNull(s.statistics());
    }

    private ConntrackService service() throws InterruptedException {
        ConntrackService s = tracker.waitForService(TIMEOUT_MILLIS);
        assertNotNull("ConntrackService is registered", s);
        return s;
    }

    /**
     * Conntrack netlink sockets and threads of this (the container's) JVM. Only NETLINK_NETFILTER sockets are
     * counted: Pax Exam's RMI and Karaf open and close other descriptors at any time ({@link NetlinkSockets}).
     */
    private static final class Snapshot {
        /** In the container's namespace and in the test's, where the service opens sockets for inNamespace. */
        final int sockets;
        /** In the container's namespace only. */
        final int netlinkSockets;
        final int threads;
        final List<String> jconntrackThreads;
        final Set<String> threadNames;

        private Snapshot(int sockets, int netlinkSockets, Set<Thread> live) {
            this.sockets = sockets;
            this.netlinkSockets = netlinkSockets;
            this.threads = live.size();
            this.threadNames = live.stream().map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toSet());
            this.jconntrackThreads = live.stream().map(Thread::getName).filter(n -> n.startsWith("jconntrack"))
                    .sorted().collect(Collectors.toList());
        }

        static Snapshot take(TestNamespace ns) {
            return new Snapshot(NetlinkSockets.count(ns.name()), NetlinkSockets.count(),
                    new HashSet<>(Thread.getAllStackTraces().keySet()));
        }

        List<String> newSince(Snapshot base) {
            List<String> added = new ArrayList<>(threadNames);
            added.removeAll(base.threadNames);
            return added;
        }

        @Override
        public String toString() {
            return sockets + " conntrack netlink sockets (" + netlinkSockets + " in this namespace), " + threads
                    + " threads, jconntrack threads " + jconntrackThreads;
        }
    }
}
