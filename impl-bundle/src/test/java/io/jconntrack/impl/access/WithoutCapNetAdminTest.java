package io.jconntrack.impl.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.net.InetAddress;
import java.nio.file.Paths;
import java.util.List;
import org.junit.Test;

/**
 * Without {@code CAP_NET_ADMIN} every call must say so: a child JVM runs in a namespace of its own with the
 * capability dropped from its bounding set ({@code setpriv}), calls count, list, create and flush, and prints each
 * error; the parent checks each names EPERM and CAP_NET_ADMIN, and that the table is unchanged.
 */
public class WithoutCapNetAdminTest {

    @Test
    public void everyCallReportsEpermAndTheMissingCapability() {
        String setpriv = Preconditions.requireExecutable("setpriv", "util-linux").toString();
        try (TestNamespace ns = TestNamespace.create("jct-nocap")) {
            ns.conntrack("-I", "-p", "udp", "-s", "192.0.2.1", "-d", "198.51.100.1", "--sport", "1", "--dport", "2",
                    "-t", "300");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Processes.Result r = Processes.run(List.of("ip", "netns", "exec", ns.name(), setpriv,
                    "--inh-caps=-net_admin", "--bounding-set=-net_admin", java, "-cp",
                    System.getProperty("java.class.path"), Child.class.getName()));
            System.out.println(r.out() + r.err());
            assertEquals(r.err(), 0, r.exit());
            for (String call : List.of("count", "list", "create", "flush")) {
                String line = r.out().lines().filter(l -> l.startsWith(call + ":")).findFirst()
                        .orElseThrow(() -> new AssertionError("no line for " + call + " in " + r.out()));
                assertTrue(line, line.contains("EPERM"));
                assertTrue(line, line.contains("CAP_NET_ADMIN"));
                assertTrue(line, line.contains("permissionDenied=true"));
            }
            String bulk = r.out().lines().filter(l -> l.startsWith("bulk:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for bulk in " + r.out()));
            assertTrue("every request of the refused datagram is reported: " + bulk,
                    bulk.startsWith("bulk: succeeded=0 failed=3 EPERM,EPERM,EPERM"));
            assertTrue(bulk, bulk.contains("CAP_NET_ADMIN"));
            assertEquals("the table is unchanged", 1, ns.cliCount());
        }
    }

    /** Runs in the child JVM, without CAP_NET_ADMIN, in the namespace it was started in. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (NetlinkConntrackService ct = Conntrack.open()) {
                attempt("count", () -> ct.count(ConntrackFilter.ALL));
                attempt("list", () -> ct.list(ConntrackFilter.ALL));
                attempt("create", () -> ct.create(ConntrackEntry.builder(Tuple.udp(
                        InetAddress.getByName("192.0.2.9"), InetAddress.getByName("198.51.100.9"), 5, 6))
                        .timeout(60).build()));
                attempt("flush", ct::flush);
                // A bulk request: the kernel refuses the whole datagram with one EPERM for its first message.
                java.util.List<ConntrackEntry> three = new java.util.ArrayList<>();
                for (int port = 1; port <= 3; port++) {
                    three.add(ConntrackEntry.builder(Tuple.udp(InetAddress.getByName("192.0.2.9"),
                            InetAddress.getByName("198.51.100.9"), port, 6)).timeout(60).build());
                }
                io.jconntrack.api.BulkResult r = ct.create(three);
                System.out.println("bulk: succeeded=" + r.succeeded() + " failed=" + r.failed() + " "
                        + r.failures().stream().map(io.jconntrack.api.Failure::errno)
                                .collect(java.util.stream.Collectors.joining(",")) + " "
                        + (r.failures().isEmpty() ? "" : r.failures().get(0).message()));
            }
        }

        interface Call {
            void run() throws Exception;
        }

        private static void attempt(String name, Call c) {
            try {
                c.run();
                System.out.println(name + ": succeeded without CAP_NET_ADMIN");
            } catch (ConntrackException e) {
                System.out.println(name + ": " + e.getMessage() + " permissionDenied=" + e.isPermissionDenied());
            } catch (Exception e) {
                System.out.println(name + ": unexpected " + e);
            }
        }
    }
}
