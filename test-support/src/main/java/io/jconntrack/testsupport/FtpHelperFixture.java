package io.jconntrack.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel helper in a test namespace: the FTP helper attached by an nftables {@code ct helper} rule to TCP
 * port 21 on the namespace's loopback, with the documentation addresses {@link #SERVER} and {@link #CLIENT} on it,
 * and FTP control connections between them ({@link FtpControlConnection}, a JVM run with {@code ip netns exec})
 * whose {@code PORT} commands make the helper create one expectation each: a TCP connection from {@link #SERVER}
 * (any port) to {@link #CLIENT}:{@code dataPort+i}. The FTP helper keeps one expectation per control connection
 * (its policy's {@code max_expected}): a new one on the same master replaces the older. On the loopback the helper
 * sees each packet twice, leaving and arriving, so it replaces its own expectation once (a NEW, DESTROY, NEW of
 * events). Skips the test, with the
 * reason, without {@code nft}.
 */
public final class FtpHelperFixture implements AutoCloseable {
    public static final String SERVER = "192.0.2.1";
    public static final String CLIENT = "192.0.2.2";
    /** The nftables ruleset: a helper object and the rule attaching it to connections to port 21. */
    static final String RULESET = "table inet jct_helper {\n"
            + "  ct helper ftp-standard { type \"ftp\" protocol tcp; }\n"
            + "  chain out { type filter hook output priority 0; tcp dport 21 ct helper set \"ftp-standard\"; }\n"
            + "}\n";

    private final TestNamespace ns;
    private Process connection;

    private FtpHelperFixture(TestNamespace ns) {
        this.ns = ns;
    }

    /** Prepares {@code ns}: loopback up with both addresses, the helper rule. */
    public static FtpHelperFixture in(TestNamespace ns) {
        Preconditions.requireExecutable("nft", "nftables");
        FtpHelperFixture f = new FtpHelperFixture(ns);
        f.run("ip", "link", "set", "lo", "up");
        f.run("ip", "addr", "add", SERVER + "/32", "dev", "lo");
        f.run("ip", "addr", "add", CLIENT + "/32", "dev", "lo");
        Processes.Result r = Processes.run(List.of("ip", "netns", "exec", ns.name(), "nft", "-f", "-"), null,
                Processes.Input.text(RULESET), Processes.DEFAULT_TIMEOUT);
        if (r.exit() != 0) {
            throw new IllegalStateException("nft -f failed in " + ns.name() + ": " + r.err());
        }
        return f;
    }

    /**
     * Opens {@code count} control connections from {@link #CLIENT}:{@code clientPort+i}, each announcing
     * {@code dataPort+i}; returns when the server has read every announcement, so the expectations exist. Once per
     * fixture.
     */
    public void openControlConnections(int clientPort, int dataPort, int count) {
        if (connection != null) {
            throw new IllegalStateException("the control connections are already open");
        }
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns.name(), java.toString(), "-cp",
                System.getProperty("java.class.path"), FtpControlConnection.class.getName(), SERVER, CLIENT,
                Integer.toString(clientPort), Integer.toString(dataPort), Integer.toString(count));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            connection = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("FTP control connection did not start: " + line + ", exit "
                        + (connection.waitFor(5, TimeUnit.SECONDS) ? connection.exitValue() : "none"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the FTP control connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void run(String... command) {
        Processes.Result r = ns.exec(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + ns.name() + ": " + r.err());
        }
    }

    /** Ends the control connection (its JVM reads end of file and exits; killed if it does not). */
    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.getOutputStream().close();
            if (!connection.waitFor(10, TimeUnit.SECONDS)) {
                connection.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            connection.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.destroyForcibly();
        }
        connection = null;
    }
}
