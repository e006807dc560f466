package io.jconntrack.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools the tests use as fixtures and oracles ({@code ip}, {@code conntrack}, {@code bin/client}). Tests
 * may run processes; the product never does.
 */
public final class Processes {
    /** How long {@link #run(List)} waits for a fixture command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** How long the output is still read after the process ended (a grandchild may hold the pipes). */
    private static final long DRAIN_MILLIS = 5_000;

    private Processes() {
    }

    /** What a process reads on its standard input. */
    public record Input(byte[] bytes, boolean keepOpen) {
        /** Closed at once: the process reads end of file. */
        public static final Input NONE = new Input(new byte[0], false);
        /** Open and empty until the process has ended, as a terminal nobody types into. */
        public static final Input KEPT_OPEN = new Input(new byte[0], true);

        /** The text, then end of file. */
        public static Input text(String text) {
            return new Input(text.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /**
     * How a process ended: its exit status, what it printed, and whether it was killed because it outlived its
     * timeout (then {@code exit} is the status of the killed process, not one it chose).
     */
    public record Result(int exit, String out, String err, boolean timedOut) {
        public boolean succeeded() {
            return exit == 0 && !timedOut;
        }

        @Override
        public String toString() {
            return (timedOut ? "timed out, killed (exit " + exit + ")" : "exit " + exit) + "\nstdout: " + out
                    + "\nstderr: " + err;
        }
    }

    /**
     * Runs a fixture command with its standard input closed; throws when it cannot start or does not end within
     * {@link #DEFAULT_TIMEOUT}. A non-zero exit is returned, not thrown.
     */
    public static Result run(List<String> command) {
        Result r = run(command, null, Input.NONE, DEFAULT_TIMEOUT);
        if (r.timedOut()) {
            throw new IllegalStateException("timed out: " + command);
        }
        return r;
    }

    /**
     * Runs a command in {@code directory} (null: the current one), feeding it {@code input}, and kills it, with
     * every process it started, once {@code timeout} has passed.
     */
    public static Result run(List<String> command, Path directory, Input input, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        }
        Drain out = new Drain(p.getInputStream(), "stdout of " + command.get(0));
        Drain err = new Drain(p.getErrorStream(), "stderr of " + command.get(0));
        OutputStream stdin = p.getOutputStream();
        if (input.bytes().length > 0) {
            // From a thread of its own: a process that does not read its input must not block us past the timeout.
            Thread feeder = new Thread(() -> {
                write(stdin, input.bytes());
                if (!input.keepOpen()) {
                    close(stdin);
                }
            }, "stdin of " + command.get(0));
            feeder.setDaemon(true);
            feeder.start();
        } else if (!input.keepOpen()) {
            close(stdin);
        }
        try {
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(p);
            }
            return new Result(p.exitValue(), out.text(), err.text(), !finished);
        } catch (InterruptedException e) {
            destroy(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            close(stdin);
        }
    }

    /** Kills the process and what it started (a shell script's children would otherwise hold its pipes open). */
    private static void kill(Process p) throws InterruptedException {
        destroy(p);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + p.pid() + " survived SIGKILL for 30 s");
        }
    }

    private static void destroy(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void write(OutputStream stdin, byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            // the process ended without reading it all (broken pipe): its exit status tells why
        }
    }

    private static void close(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone with the process
        }
    }

    /** Reads one output stream on a thread of its own, so that neither pipe can fill up and block the process. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }

        String text() throws InterruptedException {
            join(DRAIN_MILLIS);
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
