package io.jconntrack.impl.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.nio.file.Paths;
import java.util.List;
import org.junit.Test;

/**
 * With {@code CAP_NET_ADMIN} but without {@code CAP_SYS_ADMIN} the own namespace works and entering another one
 * fails naming the missing capability: a child JVM, started in a namespace of its own with CAP_SYS_ADMIN dropped
 * from its bounding set ({@code setpriv}), counts there and in a second namespace.
 */
public class WithoutCapSysAdminTest {

    @Test
    public void anotherNamespaceFailsNamingCapSysAdmin() {
        String setpriv = Preconditions.requireExecutable("setpriv", "util-linux").toString();
        try (TestNamespace own = TestNamespace.create("jct-nosys"); TestNamespace other = TestNamespace.create("jct-nosys")) {
            own.createTcp("192.0.2.1", "198.51.100.1", 1, 2, 0);
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Processes.Result r = Processes.run(List.of("ip", "netns", "exec", own.name(), setpriv,
                    "--inh-caps=-sys_admin", "--bounding-set=-sys_admin", java, "-cp",
                    System.getProperty("java.class.path"), Child.class.getName(), other.name()));
            System.out.println(r.out() + r.err());
            assertEquals(r.err(), 0, r.exit());
            assertTrue(r.out(), r.out().contains("own: 1"));
            String line = r.out().lines().filter(l -> l.startsWith("other:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for the other namespace in " + r.out()));
            assertTrue(line, line.contains("EPERM"));
            assertTrue(line, line.contains("CAP_SYS_ADMIN is required to enter another network namespace"));
            assertFalse("the capability it has is not blamed: " + line, line.contains("CAP_NET_ADMIN"));
            assertTrue(line, line.contains("permissionDenied=true"));
        }
    }

    /** Runs in the child JVM, without CAP_SYS_ADMIN, in the namespace it was started in. */
    public static final class Child {
        public static void main(String[] args) {
            try (NetlinkConntrackService ct = Conntrack.open()) {
                System.out.println("own: " + ct.count(ConntrackFilter.ALL));
                try {
                    System.out.println("other: succeeded without CAP_SYS_ADMIN: "
                            + ct.inNamespace(args[0]).count(ConntrackFilter.ALL));
                } catch (ConntrackException e) {
                    System.out.println("other: " + e.getMessage() + " permissionDenied=" + e.isPermissionDenied());
                }
            }
        }
    }
}
