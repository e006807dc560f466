package io.jconntrack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.TestNamespace;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/**
 * Uninstalls and reinstalls the feature. The probe must not be wired to a bundle that Karaf refreshes meanwhile (it
 * would be restarted in the middle of the test): so no {@code io.jconntrack} type here, and the Karaf console only
 * after the reinstall. The service is checked through the console commands and the {@code conntrack} CLI.
 */
@RunWith(KernelPaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureReinstallIT extends KarafTestSupport {
    private static final String SERVICE = "io.jconntrack.api.ConntrackService";

    @Inject
    private FeaturesService featuresService;

    /**
     * The default probe header is {@code DynamicImport-Package: *}, and even this class's probe was found wired to
     * io.jconntrack.api before the uninstall (the probe holds every test class), so the uninstall refreshed and
     * restarted the probe mid-test. With no package of the feature in the list, the probe is not wired to it; the
     * shared test support is a bundle of its own, outside the feature.
     */
    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE,
                "org.ops4j.*,org.junit,org.junit.*,org.hamcrest,org.hamcrest.*,org.apache.karaf.*,org.osgi.*,javax.*,"
                        + "io.jconntrack.testsupport");
        return probe;
    }

    @Test
    public void featureUninstallsAndInstallsAgainCleanly() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-it")) {
            String n = ns.name();
            ns.createTcp("192.0.2.1", "198.51.100.1", 1000, 443, 9);
            assertNotNull("ConntrackService registered", bundleContext.getServiceReference(SERVICE));
            awaitSettled();
            Map<String, String> before = bundleStates();

            featuresService.uninstallFeature(FEATURE);
            assertFalse("feature uninstalled", featuresService.isInstalled(featuresService.getFeature(FEATURE)));
            for (String bsn : new String[] {API_BSN, IMPL_BSN, SHELL_BSN}) {
                assertNull(bsn + " is uninstalled", bundle(bsn));
            }
            assertNull("no ConntrackService left", bundleContext.getServiceReference(SERVICE));
            assertEquals("uninstalling leaves the table alone", 1, ns.cliCount());

            // With the default auto-refresh, as feature:install does; the console is only looked up after.
            featuresService.installFeature(FEATURE);
            assertTrue("feature installed again", featuresService.isInstalled(featuresService.getFeature(FEATURE)));
            assertActive(API_BSN);
            assertActive(IMPL_BSN);
            assertActive(SHELL_BSN);
            assertNotNull("ConntrackService registered again", bundleContext.getServiceReference(SERVICE));
            waitUntil(() -> "every bundle back in its state: expected " + before + " but was " + bundleStates(),
                () -> before.equals(bundleStates()));

            Console console = Console.of(bundleContext);
            waitUntil(() -> "conntrack:count does not work again",
                () -> "1".equals(console.execute("conntrack:count -n " + n, Console.ADMIN_ROLES).out().strip()));
            console.admin("conntrack:create -n " + n + " -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 53 --dport 53"
                    + " -t 60");
            assertEquals(2, ns.cliCount());
            assertEquals("2 flow entries have been deleted.", console.admin("conntrack:delete -n " + n + " --all").strip());
            assertEquals(0, ns.cliCount());
        }
    }

    /** Symbolic name and version of every bundle but the probe, with its state; ids change on reinstall. */
    private Map<String, String> bundleStates() {
        Map<String, String> states = new TreeMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getBundleContext() != bundleContext) {
                states.put(b.getSymbolicName() + "/" + b.getVersion(), stateName(b.getState()));
            }
        }
        return states;
    }

    private static String stateName(int state) {
        switch (state) {
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }
}
