package io.jconntrack.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * The controller's console over SSH, as bin/client reaches it (the same library, Apache MINA SSHD), but from this
 * JVM: each command is an exec channel of a session logged in beforehand (Karaf ends the session with the command),
 * timed from the channel's opening to its exit status, so the client JVM's start and the login are not in the time.
 * Output lines are kept with the time they arrived. Karaf closed exec channels of outputs of megabytes here without
 * their exit status: long outputs are counted in the console ({@code | wc -l}). The benchmark JVM runs in the
 * controller's namespace, whose loopback the console is on.
 */
final class FleetConsole implements AutoCloseable {
    private static final Duration LOGIN = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(600);

    private final SshClient client;
    private final int port;
    private final String user;
    private final String password;

    private FleetConsole(SshClient client, int port, String user, String password) {
        this.client = client;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * The console at 127.0.0.1:{@code port}, logged in once to check it answers. Its host key is not checked: it is
     * our own Karaf, on the loopback of our own namespace.
     */
    static FleetConsole open(int port, String user, String password) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        FleetConsole console = new FleetConsole(client, port, user, password);
        try {
            console.login().close();
            return console;
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    private ClientSession login() throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(LOGIN).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(LOGIN);
        return session;
    }

    /** Exit status, output lines with the seconds after the channel opened at which each arrived, total seconds. */
    record Run(int exit, List<String> lines, List<Double> at, double seconds) {
        /** When the first line starting with {@code prefix} arrived, or the total when none did. */
        double arrivalOf(String prefix) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    return at.get(i);
                }
            }
            return seconds;
        }

        long count(String fragment) {
            return lines.stream().filter(l -> l.contains(fragment)).count();
        }
    }

    Run run(String command) {
        // Karaf ends an exec session when its standard input ends (bin/client "CMD" keeps its own open for that
        // reason): the channel's input stays open, empty, until the command has exited.
        try (ClientSession session = login();
             ChannelExec channel = session.createExecChannel(command);
             PipedOutputStream keepOpen = new PipedOutputStream()) {
            channel.setIn(new PipedInputStream(keepOpen));
            long start = System.nanoTime();
            Lines out = new Lines(start);
            channel.setOut(out);
            channel.setErr(out); // the summaries ("N flow entries ...") are on standard error
            channel.open().verify(LOGIN);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.flushLine();
            Integer status = channel.getExitStatus(); // null: the session ended without one
            return new Run(status == null ? -1 : status, out.lines, out.at, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("console: " + command, e);
        }
    }

    /** As {@link #run}, failing unless the command exits 0. */
    Run ok(String command) {
        Run r = run(command);
        if (r.exit() != 0) {
            throw new IllegalStateException("'" + command + "' exited " + r.exit() + ": "
                    + String.join("\n", r.lines().subList(Math.max(0, r.lines().size() - 10), r.lines().size())));
        }
        return r;
    }

    @Override
    public void close() {
        client.stop();
    }

    /** Splits what arrives into lines, each with its arrival time. */
    private static final class Lines extends OutputStream {
        private final long start;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final List<String> lines = new ArrayList<>();
        final List<Double> at = new ArrayList<>();

        Lines(long start) {
            this.start = start;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        synchronized void flushLine() {
            if (line.size() > 0) {
                lines.add(line.toString(StandardCharsets.UTF_8));
                at.add((System.nanoTime() - start) / 1e9);
                line.reset();
            }
        }
    }
}
