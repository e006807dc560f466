package io.jconntrack.odltests;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** The readings of console and log output that OdlCoexistenceIT compares, on output captured from OpenDaylight. */
public class ParsingTest {
    private static final String PREFIX = "2026-12-06T05:12:33,348 | INFO  | features-3-thread-1 | FeaturesServiceImpl"
            + "              | 18 - org.apache.karaf.features.core - 4.4.6 | ";

    @Test
    public void deploymentLogLines() {
        String log = PREFIX + "Changes to perform:\n"
                + PREFIX + "  Region: root\n"
                + PREFIX + "    Bundles to install:\n"
                + PREFIX + "      mvn:io.jconntrack/api-bundle/0.1.0-SNAPSHOT\n"
                + PREFIX + "      mvn:org.eclipse.jetty/jetty-http/9.4.54.v20240208\n"
                + PREFIX + "  Bundles to refresh:\n"
                + PREFIX + "    io.netty.common/4.1.109.Final (Should be wired to: org.apache.commons.commons-logging/"
                + "1.3.1 (through [io.netty.common/4.1.109.Final] osgi.wiring.package; resolution:=optional))\n"
                + "2026-12-06T05:12:33,727 | INFO  | Refresh Thread | CommandExtension | 61 - org.apache.karaf.shell"
                + ".core - 4.4.6 | Registering commands for bundle org.apache.karaf.jaas.command/4.4.6\n"
                + PREFIX + "Stopping bundles:\n"
                + PREFIX + "  io.jconntrack.shell-bundle/0.1.0.SNAPSHOT\n";
        Deployment d = Deployment.parse(log);
        assertEquals(List.of("mvn:io.jconntrack/api-bundle/0.1.0-SNAPSHOT",
                "mvn:org.eclipse.jetty/jetty-http/9.4.54.v20240208"), d.toInstall());
        assertEquals(Set.of("io.netty.common"), d.refreshedNames());
        assertEquals(List.of("io.jconntrack.shell-bundle/0.1.0.SNAPSHOT"), d.toStop());
    }

    @Test
    public void noDeploymentChange() {
        Deployment d = Deployment.parse(PREFIX + "No deployment change.\n");
        assertEquals(List.of(), d.toInstall());
        assertEquals(List.of(), d.toRefresh());
    }

    @Test
    public void bundlesServicesAndWiring() {
        Map<Long, String> bundles = ContainerState.bundles("START LEVEL 100 , List Threshold: 0\n"
                + " 3\tActive  \t  8\t2.2.7                \torg.ops4j.pax.logging.pax-logging-api\n"
                + "76\tWaiting \t 80\t0.1.0.SNAPSHOT       \tio.jconntrack.impl-bundle\n");
        assertEquals(Map.of(3L, "Active org.ops4j.pax.logging.pax-logging-api/2.2.7",
                76L, "Waiting io.jconntrack.impl-bundle/0.1.0.SNAPSHOT"), bundles);
        Map<Long, Set<Long>> services = ContainerState.services("[java.rmi.registry.Registry]\n"
                + "----------------------------\n port = 56669\n service.id = 92\n service.bundleid = 54\n"
                + "Provided by : \n Apache Karaf :: Management (54)\n\n[java.lang.Object]\n---\n service.id = 93\n"
                + " service.bundleid = 54\n");
        assertEquals(Map.of(54L, Set.of(92L, 93L)), services);
        Map<Long, Set<String>> wiring = ContainerState.wiring("io.jconntrack.impl-bundle_0.1.0.SNAPSHOT [76] requires:\n"
                + "--------------------------------------------------------\n"
                + "osgi.wiring.package; (&(osgi.wiring.package=org.slf4j)(&(version>=1.7.0)(!(version>=2.0.0)))) "
                + "resolved by:\n"
                + "   osgi.wiring.package; org.slf4j 1.7.36 from org.ops4j.pax.logging.pax-logging-api_2.2.7 [3]\n");
        assertEquals(Map.of(76L, Set.of("osgi.wiring.package; (&(osgi.wiring.package=org.slf4j)(&(version>=1.7.0)"
                + "(!(version>=2.0.0)))) => org.ops4j.pax.logging.pax-logging-api_2.2.7 [3]")), wiring);
    }

    @Test
    public void disturbances() {
        ContainerState before = new ContainerState(Map.of(3L, "Active a/1", 5L, "Active b/1"),
                Map.of(3L, Set.of(10L, 11L)), Map.of(5L, Set.of("p => a_1 [3]")));
        ContainerState same = new ContainerState(Map.of(3L, "Active a/1", 5L, "Active b/1", 9L, "Active io.jconntrack.x/1"),
                Map.of(3L, Set.of(10L, 11L, 12L), 9L, Set.of(20L)), Map.of(5L, Set.of("p => a_1 [3]", "q => c_1 [7]")));
        assertEquals(List.of(), same.disturbancesSince(before, same.jconntrackBundles()));
        ContainerState disturbed = new ContainerState(Map.of(3L, "Active a/1", 5L, "Resolved b/1", 9L,
                "Active io.jconntrack.x/1"), Map.of(3L, Set.of(12L)), Map.of(5L, Set.of("p => io.jconntrack.x_1 [9]")));
        assertEquals(List.of("bundle 3 (Active a/1) no longer has its services [10, 11] (restarted or refreshed)",
                "bundle 5 was Active b/1, is Resolved b/1",
                "bundle 5 (Resolved b/1) lost its wire p => a_1 [3]",
                "bundle 5 (Resolved b/1) is wired to jconntrack: p => io.jconntrack.x_1 [9]"),
                disturbed.disturbancesSince(before, disturbed.jconntrackBundles()));
    }
}
