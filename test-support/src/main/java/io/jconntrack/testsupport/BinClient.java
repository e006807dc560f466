package io.jconntrack.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs console commands in a started Karaf through its {@code bin/client}, in both forms, and returns the exit
 * status, stdout and stderr (for tests of an assembly started with {@code bin/start}). Immutable; the
 * {@code with…} methods return a changed copy.
 *
 * <p>As checked on Karaf 4.4.10: {@code bin/client "CMD"} ends as soon as its own standard input reaches end of file
 * (it prints {@code Closed} and exits 1), so {@link #command} keeps a pipe to it open, and empty, until it has
 * exited; {@link #batch} writes the commands into {@code bin/client -b} and closes its input. Both forms exit with
 * the SSH channel's exit status: 0, the value a command returns when it is an Integer, 1 when it throws. A process
 * that outlives the timeout is killed and reported as {@link Processes.Result#timedOut() timed out}.
 */
public final class BinClient {
    private final Path karafHome;
    private final String user;
    private final String password;
    private final String host;
    private final Integer port;
    private final Duration timeout;
    private final List<String> launcher;

    private BinClient(Path karafHome, String user, String password, String host, Integer port, Duration timeout,
                      List<String> launcher) {
        this.karafHome = karafHome;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.launcher = launcher;
    }

    /**
     * The client of the Karaf in {@code karafHome} (the directory holding {@code bin/client}), logging in as
     * {@code karaf}/{@code karaf}, with the host and port of its {@code etc/org.apache.karaf.shell.cfg}, and a
     * timeout of 60 s per call.
     */
    public static BinClient of(Path karafHome) {
        return new BinClient(karafHome, "karaf", "karaf", null, null, Duration.ofSeconds(60), List.of());
    }

    /** {@code -u user -p password}. */
    public BinClient withUser(String user, String password) {
        return new BinClient(karafHome, user, password, host, port, timeout, launcher);
    }

    /** {@code -h host}. */
    public BinClient withHost(String host) {
        return new BinClient(karafHome, user, password, host, port, timeout, launcher);
    }

    /** {@code -a port}: the SSH port. */
    public BinClient withPort(int port) {
        return new BinClient(karafHome, user, password, host, port, timeout, launcher);
    }

    /**
     * Runs bin/client through a launcher, e.g. {@code ip netns exec NS} for a Karaf started in network namespace NS,
     * whose SSH port is on that namespace's loopback.
     */
    public BinClient withLauncher(List<String> launcher) {
        return new BinClient(karafHome, user, password, host, port, timeout, List.copyOf(launcher));
    }

    /** How long one call may take before its process is killed. */
    public BinClient withTimeout(Duration timeout) {
        return new BinClient(karafHome, user, password, host, port, timeout, launcher);
    }

    /** {@code bin/client [options] "COMMAND"}, its standard input kept open until it has exited. */
    public Processes.Result command(String command) {
        return command(command, timeout);
    }

    /** {@code printf 'COMMAND\n…' | bin/client [options] -b}. */
    public Processes.Result batch(String... commands) {
        List<String> cmd = commandLine();
        cmd.add("-b");
        StringBuilder input = new StringBuilder();
        for (String c : commands) {
            input.append(c).append('\n');
        }
        return Processes.run(cmd, karafHome, Processes.Input.text(input.toString()), timeout);
    }

    /**
     * Runs {@code command} until it succeeds (exit status 0), each attempt killed after the timeout, and returns
     * the successful result. A session opened in the first seconds after boot can hang in channel open, and SSH
     * is not listening at first: tests call this before relying on the console.
     *
     * @throws AssertionError when no attempt succeeded within {@code deadline}, with the last attempt's result
     */
    public Processes.Result awaitReady(String command, Duration deadline) {
        return awaitReady(command, deadline, Processes.Result::succeeded);
    }

    /** As {@link #awaitReady(String, Duration)}, with what counts as an answer. */
    public Processes.Result awaitReady(String command, Duration deadline, Predicate<Processes.Result> answered) {
        long end = System.nanoTime() + deadline.toNanos();
        int attempts = 0;
        Processes.Result last = null;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("bin/client did not answer '" + command + "' within " + deadline + " ("
                        + attempts + " attempts); last attempt: " + last);
            }
            last = command(command, Duration.ofNanos(Math.min(left, timeout.toNanos())));
            attempts++;
            if (answered.test(last)) {
                return last;
            }
            try {
                Thread.sleep(Math.max(0, Math.min(500, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for '" + command + "'", e);
            }
        }
    }

    private Processes.Result command(String command, Duration limit) {
        List<String> cmd = commandLine();
        cmd.add(command);
        return Processes.run(cmd, karafHome, Processes.Input.KEPT_OPEN, limit);
    }

    private List<String> commandLine() {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(karafHome.resolve("bin").resolve("client").toString());
        if (user != null) {
            cmd.add("-u");
            cmd.add(user);
            cmd.add("-p");
            cmd.add(password);
        }
        if (host != null) {
            cmd.add("-h");
            cmd.add(host);
        }
        if (port != null) {
            cmd.add("-a");
            cmd.add(port.toString());
        }
        return cmd;
    }
}
