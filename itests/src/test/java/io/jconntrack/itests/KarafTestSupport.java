package io.jconntrack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Paths;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots Karaf 4.4.10 with the {@code jconntrack} feature, resolving everything from the local Maven repository
 * (no network). Subclasses run with {@link KernelPaxExam}, which skips them before any boot where kernel tests cannot
 * run.
 *
 * <p>Free of {@code io.jconntrack.api} and Karaf shell types (the console is in {@link Console}): the feature
 * reinstall test makes Karaf refresh the api bundle and the shell, and a probe wired to either would be refreshed
 * (restarted) in the middle of the test.
 */
public abstract class KarafTestSupport {
    static final String FEATURE = "jconntrack";
    static final String API_BSN = "io.jconntrack.api-bundle";
    static final String IMPL_BSN = "io.jconntrack.impl-bundle";
    static final String SHELL_BSN = "io.jconntrack.shell-bundle";
    static final long TIMEOUT_MILLIS = 30_000;

    @Inject
    protected BundleContext bundleContext;

    @Configuration
    public Option[] config() {
        String karafVersion = property("karaf.version");
        String version = property("jconntrack.version");
        String localRepo = System.getProperty("maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
        // A directory used as a "default repository" is read as is: no network and no _remote.repositories check.
        String localRepoUrl = new File(localRepo).toURI() + "@id=local@snapshots";
        MavenArtifactUrlReference karaf = maven("org.apache.karaf", "apache-karaf").type("tar.gz")
                .version(karafVersion);
        MavenArtifactUrlReference repo = maven("io.jconntrack", "features").type("xml").classifier("features")
                .version(version);
        String mvnCfg = "etc/org.ops4j.pax.url.mvn.cfg";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(karaf).name("Apache Karaf")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            keepRuntimeFolderIfAsked(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.localRepository", localRepo),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}system@id=system.repository@snapshots," + localRepoUrl),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.offline", "true"),
            // Another Karaf may run on this machine: free ports, SSH on the loopback only.
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1"),
            features(repo, bootFeatures()),
            new org.ops4j.pax.exam.options.DefaultCompositeOption(extraOptions()),
            // The probe's shared test code (namespace, preconditions); JDK-only, so no feature refresh touches it.
            mavenBundle("io.jconntrack", "test-support").version(version),
            // As bin/karaf passes them on Java 9+ (KarafTestSupport.config() in Karaf's itests does the same).
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            new VMOption("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"),
            new VMOption("--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED"),
            new VMOption("--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }

    /** The features booted with the container. */
    protected String[] bootFeatures() {
        return new String[] {FEATURE};
    }

    /** Options a test class adds (its configuration files). */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    private static Option keepRuntimeFolderIfAsked() {
        return Boolean.getBoolean("jconntrack.itests.keep") ? keepRuntimeFolder()
                : new org.ops4j.pax.exam.options.DefaultCompositeOption();
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException("system property " + name + " is not set (the pom passes it)");
        }
        return v;
    }

    protected static String freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every bundle but fragments is ACTIVE: the boot refresh (Felix SCR is rewired to the shell once the
     * shell is there, restarting most of Karaf's bundles) can still be running when the first test starts.
     */
    protected void awaitSettled() {
        waitUntil(() -> "bundles not active: " + notActive(), () -> notActive().isEmpty());
    }

    private java.util.List<String> notActive() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Bundle b : bundleContext.getBundles()) {
            boolean fragment = b.getHeaders().get(org.osgi.framework.Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                names.add(b.getSymbolicName() + " (" + b.getState() + ")");
            }
        }
        return names;
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    protected void assertActive(String symbolicName) {
        Bundle b = bundle(symbolicName);
        assertNotNull(symbolicName + " is installed", b);
        assertEquals(symbolicName + " state", Bundle.ACTIVE, b.getState());
    }

    /** Polls until the condition holds, failing with the message after {@link #TIMEOUT_MILLIS}. */
    static void waitUntil(Supplier<String> message, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail(message.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
