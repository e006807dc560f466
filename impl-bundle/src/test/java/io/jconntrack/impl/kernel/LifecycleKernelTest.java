package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackComponent;
import io.jconntrack.impl.service.ConntrackConfiguration;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.NetlinkSockets;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.TestNamespace;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Sockets and threads are released: by close(), by deactivation, and when a namespace disappears. */
public class LifecycleKernelTest {

    @Test
    public void openUseCloseTwentyTimesLeaksNoSocketOrThread() throws Exception {
        try (TestNamespace a = TestNamespace.create("jct-life-a");
             TestNamespace b = TestNamespace.create("jct-life-b")) {
            warmUp(a);
            // Only conntrack netlink sockets count: other descriptors of the JVM come and go (NetlinkSockets).
            int sockets = NetlinkSockets.count(a.name(), b.name());
            int threads = Thread.activeCount();
            for (int i = 0; i < 20; i++) {
                try (NetlinkConntrackService ct = Conntrack.open()) {
                    ct.inNamespace(a.name()).count(ConntrackFilter.ALL);
                    ct.inNamespace(b.name()).list(ConntrackFilter.zone(1));
                    ct.count(ConntrackFilter.zone(1));
                    assertTrue("a pooled socket per namespace used: " + ct.idleSockets(), ct.idleSockets() >= 3);
                    if (i == 0) {
                        assertTrue("the count sees the pooled sockets in both namespaces and this one",
                                NetlinkSockets.count(a.name(), b.name()) >= sockets + 3);
                    }
                }
            }
            assertEquals("conntrack netlink sockets", sockets, NetlinkSockets.count(a.name(), b.name()));
            assertEquals("threads", threads, Thread.activeCount());
        }
    }

    private static void warmUp(TestNamespace ns) {
        try (NetlinkConntrackService ct = Conntrack.open()) {
            ct.inNamespace(ns.name()).count(ConntrackFilter.ALL);
        }
    }

    @Test
    public void concurrentCallersShareABoundedPool() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-conc");
             NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        Tuple tuple = Tuple.udp(ip("192.0.2." + (1 + thread)), ip("198.51.100.1"), 1000 + i, 53);
                        ct.create(ConntrackEntry.builder(tuple).timeout(300).zone(thread).build());
                        ct.count(ConntrackFilter.zone(thread));
                    }
                    return ct.list(ConntrackFilter.zone(thread)).size();
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(50, (int) f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertEquals(400, ns.cliCount());
            assertTrue("the pool is bounded", root.idleSockets() <= ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE);
        }
    }

    @Test
    public void aDeletedNamespaceIsReportedAndNotKeptAlive() {
        TestNamespace ns = TestNamespace.create("jct-gone");
        try (NetlinkConntrackService root = Conntrack.open()) {
            ConntrackService ct = root.inNamespace(ns.name());
            assertEquals(0, ct.count(ConntrackFilter.ALL));
            assertEquals(1, root.idleSockets());
            ns.close();
            ConntrackException e = assertThrows("expected the namespace to be reported gone",
                    ConntrackException.class, () -> ct.count(ConntrackFilter.ALL));
            assertTrue(e.getMessage(), e.getMessage().contains("does not exist"));
            assertEquals("the pooled socket of the deleted namespace is closed", 0, root.idleSockets());
        } finally {
            ns.close();
        }
    }

    @Test
    public void theComponentClosesItsSocketsOnDeactivation() throws Exception {
        Preconditions.requireKernel();
        // Only conntrack netlink sockets count: other descriptors of the JVM come and go (NetlinkSockets).
        int sockets = NetlinkSockets.count();
        ConntrackComponent component = new ConntrackComponent(defaults());
        component.count(ConntrackFilter.zone(3));
        component.statistics();
        assertTrue("the active component keeps its socket pooled", NetlinkSockets.count() > sockets);
        component.deactivate();
        assertEquals("conntrack netlink sockets after deactivation", sockets, NetlinkSockets.count());
        ConntrackException e = assertThrows("a deactivated component must refuse calls", ConntrackException.class,
                () -> component.count(ConntrackFilter.ALL));
        assertTrue(e.getMessage(), e.getMessage().contains("closed"));
    }

    /** The configuration with every default, as SCR passes it when no configuration exists. */
    static ConntrackConfiguration defaults() {
        return new ConntrackConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ConntrackConfiguration.class;
            }

            @Override
            public int receiveBufferSize() {
                return ConntrackOptions.DEFAULT_RECEIVE_BUFFER_SIZE;
            }

            @Override
            public int batchSize() {
                return ConntrackOptions.DEFAULT_BATCH_SIZE;
            }

            @Override
            public String defaultNamespace() {
                return "";
            }

            @Override
            public int maxSocketsPerNamespace() {
                return ConntrackOptions.DEFAULT_MAX_SOCKETS_PER_NAMESPACE;
            }

            @Override
            public int maxNamespaces() {
                return ConntrackOptions.DEFAULT_MAX_NAMESPACES;
            }

            @Override
            public int timeoutMillis() {
                return ConntrackOptions.DEFAULT_TIMEOUT_MILLIS;
            }

            @Override
            public boolean kernelFilters() {
                return true;
            }

            @Override
            public int eventBufferSize() {
                return ConntrackOptions.DEFAULT_EVENT_BUFFER_SIZE;
            }

            @Override
            public int maxEventBufferSize() {
                return ConntrackOptions.DEFAULT_MAX_EVENT_BUFFER_SIZE;
            }
        };
    }
}
