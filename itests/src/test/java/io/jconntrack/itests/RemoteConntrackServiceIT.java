package io.jconntrack.itests;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackNodes;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.contract.ConntrackServiceContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The remote {@link ConntrackService} of {@code jconntrack-remote}, pointed with an etc/ configuration file (as an
 * operator writes it) at this container's own REST agent, pinned to the fingerprint the agent logged: it passes the
 * same service contract as the local service, each test in a namespace of its own that the node works in (the
 * {@code netns} of every request). Then what only a remote node has: wrong password, missing role, wrong pin, a
 * node that is down, events over SSE.
 */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RemoteConntrackServiceIT extends ConntrackServiceContract {
    private static final String NODE = "self";
    private static ConntrackService remote;

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() {
        return new Container().config();
    }

    /** The Karaf of this test: node agent and controller side in one container. */
    static final class Container extends KarafTestSupport {
        @Override
        protected String[] bootFeatures() {
            return new String[] {FEATURE, "jconntrack-rest", "jconntrack-remote"};
        }

        @Override
        protected Option[] extraOptions() {
            String rest = "etc/io.jconntrack.rest.cfg";
            return new Option[] {
                editConfigurationFilePut(rest, "host", "127.0.0.1"),
                editConfigurationFilePut(rest, "port", freePort()),
                editConfigurationFilePut("etc/users.properties", "ctladmin", "secret-a,admin,viewer"),
                editConfigurationFilePut("etc/users.properties", "ctlviewer", "secret-v,viewer"),
                // The contract's tests, wired to the API (test-support is not: FeatureReinstallIT uninstalls it).
                org.ops4j.pax.exam.CoreOptions.mavenBundle("io.jconntrack", "service-contract")
                        .version(System.getProperty("jconntrack.version")),
            };
        }
    }

    @Override
    protected ConntrackService root() {
        if (remote == null) {
            AgentLog agent = AgentLog.await();
            remote = node(NODE, "https://127.0.0.1:" + agent.port(), "ctladmin", "secret-a",
                    "fingerprint = " + agent.fingerprint());
        }
        return remote;
    }

    /**
     * Writes the password to etc/io.jconntrack.node-NAME.password (created 0600: the component refuses a file others
     * can read), then etc/io.jconntrack.node-NAME.cfg naming it relative to etc/, and waits for the service Felix
     * FileInstall and SCR make of it. The password file comes first: SCR reads it when the configuration appears.
     */
    private ConntrackService node(String name, String url, String user, String password, String trust) {
        Path cfg = Paths.get(System.getProperty("karaf.etc"), "io.jconntrack.node-" + name + ".cfg");
        Path secret = cfg.resolveSibling("io.jconntrack.node-" + name + ".password");
        try {
            Files.deleteIfExists(secret);
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
            Files.writeString(secret, password + "\n");
            Files.writeString(cfg, "name = " + name + "\nurl = " + url + "\nusername = " + user
                    + "\npasswordFile = " + secret.getFileName() + "\n" + trust + "\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        BundleContext context = bundleContext != null ? bundleContext
                : FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<ConntrackService, ConntrackService> t;
        try {
            t = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + ConntrackService.class.getName()
                    + ")" + ConntrackNodes.target(name) + ")"), null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        t.open();
        try {
            ConntrackService s = t.waitForService(KarafTestSupport.TIMEOUT_MILLIS);
            assertNotNull("service of node " + name + " registered from " + cfg, s);
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    public void theNodeNamesItselfAndItsKernel() {
        assertEquals(System.getProperty("os.version"), root().kernelRelease());
        assertEquals(ns.name(), ct.namespace());
    }

    @Test
    public void aWrongPasswordIsRefusedNamingTheNode() {
        AgentLog agent = AgentLog.await();
        ConntrackService s = node("badpass", "https://127.0.0.1:" + agent.port(), "ctladmin", "wrong",
                "fingerprint = " + agent.fingerprint());
        ConntrackException e = assertThrows(ConntrackException.class, () -> s.count(ConntrackFilter.ALL));
        assertEquals("badpass", e.node());
        assertTrue(e.getMessage(), e.getMessage().contains("HTTP 401"));
    }

    @Test
    public void aViewerReadsAndCannotDelete() {
        AgentLog agent = AgentLog.await();
        ConntrackService s = node("viewer", "https://127.0.0.1:" + agent.port(), "ctlviewer", "secret-v",
                "fingerprint = " + agent.fingerprint()).inNamespace(ns.name());
        ct.create(entry(tuples().get(0), 7, 0));
        assertEquals(1, s.count(ConntrackFilter.zone(7)));
        ConntrackException e = assertThrows(ConntrackException.class, () -> s.flush(7));
        assertTrue(e.getMessage(), e.getMessage().contains("HTTP 403") && e.getMessage().contains("'admin'"));
        assertEquals("the viewer's flush changed nothing", 1, ns.cliCount());
    }

    @Test
    public void anotherCertificateIsRefused() {
        AgentLog agent = AgentLog.await();
        String other = agent.fingerprint().startsWith("00") ? "11" + agent.fingerprint().substring(2)
                : "00" + agent.fingerprint().substring(2);
        ConntrackService s = node("wrongpin", "https://127.0.0.1:" + agent.port(), "ctladmin", "secret-a",
                "fingerprint = " + other);
        ConntrackException e = assertThrows(ConntrackException.class, () -> s.count(ConntrackFilter.ALL));
        assertEquals("wrongpin", e.node());
        assertTrue(e.getMessage(), e.getMessage().contains("TLS"));
    }

    @Test
    public void aNodeThatIsDownFailsFastNamingIt() {
        String port = KarafTestSupport.freePort(); // nothing listens there
        ConntrackService s = node("down", "https://127.0.0.1:" + port, "ctladmin", "secret-a",
                "fingerprint = " + AgentLog.await().fingerprint());
        long start = System.nanoTime();
        ConntrackException e = assertThrows(ConntrackException.class, () -> s.count(ConntrackFilter.ALL));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("failed after " + millis + " ms", millis < 3000);
        assertEquals("down", e.node());
        assertTrue(e.getMessage(), e.getMessage().contains("unreachable"));
        assertThrows(ConntrackException.class, () -> s.subscribe(EventFilter.ALL, new ConntrackListener() {
            @Override
            public void onEvent(ConntrackEvent event) {
            }
        }));
        // The other nodes go on.
        assertEquals(0, ct.count(ConntrackFilter.ALL));
    }

    @Test
    public void eventsOfTheNodeArriveOverServerSentEvents() throws Exception {
        BlockingQueue<ConntrackEvent> events = new LinkedBlockingQueue<>();
        Tuple t = Tuple.udp(ip("192.0.2.77"), ip("198.51.100.77"), 7777, 53);
        try (Subscription s = ct.subscribe(EventFilter.of(ConntrackFilter.zone(77), EventType.NEW,
                EventType.DESTROY), events::add)) {
            ct.create(entry(tuples().get(0), 0, 0)); // zone 0: not selected
            ct.create(ConntrackEntry.builder(t).zone(77).timeout(100).build());
            ConntrackEvent created = events.poll(10, TimeUnit.SECONDS);
            assertNotNull("NEW event", created);
            assertEquals(EventType.NEW, created.type());
            assertEquals(t, created.entry().original());
            assertEquals(77, created.entry().zone());
            assertTrue("created by a process: " + created, created.fromUserspace());
            assertTrue(ct.delete(ct.get(t, 77).orElseThrow()));
            ConntrackEvent destroyed = events.poll(10, TimeUnit.SECONDS);
            assertNotNull("DESTROY event", destroyed);
            assertEquals(EventType.DESTROY, destroyed.type());
            assertEquals(2, s.delivered());
            assertEquals(0, s.overflows());
        }
        assertFalse("only zone 77 events", events.stream().anyMatch(e -> e.entry().zone() != 77));
    }

    /**
     * Expectations through the remote service: a master with the FTP helper created remotely, then an expectation
     * created, listed (as the tool lists it), counted, got, evented and deleted by id; the dying list answers.
     */
    @Test
    public void expectationsOfTheNode() throws Exception {
        io.jconntrack.api.ExpectationService x = ct.expectations();
        BlockingQueue<io.jconntrack.api.ExpectationEvent> events = new LinkedBlockingQueue<>();
        try (Subscription s = x.subscribe(java.util.EnumSet.of(EventType.NEW, EventType.DESTROY),
                io.jconntrack.api.ExpectationFilter.ALL, events::add)) {
            Tuple master = Tuple.tcp(ip("198.51.100.1"), ip("198.51.100.2"), 1000, 21);
            ct.create(ConntrackEntry.builder(master).timeout(600).tcpState(io.jconntrack.api.TcpState.ESTABLISHED)
                    .helper("ftp").build());
            Tuple expected = Tuple.tcp(ip("198.51.100.2"), ip("198.51.100.1"), 0, 3000);
            Tuple mask = Tuple.tcp(ip("255.255.255.255"), ip("255.255.255.255"), 0, 65535);
            x.create(io.jconntrack.api.Expectation.builder(master, expected).mask(mask).timeout(300).build());
            java.util.List<String> tool = ns.listLines("expect");
            assertEquals(tool.toString(), 1, tool.size());
            assertTrue(tool.get(0), tool.get(0).contains("src=198.51.100.2 dst=198.51.100.1 sport=0 dport=3000"));
            assertEquals(1, x.count(io.jconntrack.api.ExpectationFilter.ALL));
            io.jconntrack.api.Expectation listed = x.list(io.jconntrack.api.ExpectationFilter.ALL).get(0);
            assertEquals(expected, listed.expected());
            assertEquals(master, listed.master());
            assertTrue("the node reports its id", listed.id() != 0);
            assertEquals(listed, x.get(expected, 0).orElseThrow());
            io.jconntrack.api.ExpectationEvent created = events.poll(10, TimeUnit.SECONDS);
            assertNotNull("NEW expectation event", created);
            assertEquals(EventType.NEW, created.type());
            assertEquals(expected, created.expectation().expected());
            assertFalse("statistics per CPU", x.statistics().isEmpty());
            assertTrue(x.delete(listed));
            assertEquals(java.util.List.of(), ns.listLines("expect"));
            assertFalse("already gone", x.delete(listed));
        }
        assertEquals(0, ct.forEach(io.jconntrack.api.ConntrackTable.DYING, ConntrackFilter.ALL, e -> { }));
    }
}
