package io.jconntrack.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@link BinClient} against a stand-in {@code bin/client} written to a temporary directory, no Karaf: it prints the
 * options it was given, ends like Karaf 4.4.10's client as soon as its stdin reaches end of file, runs commands that
 * choose their exit status, print to stderr or hang, and one that answers only from its N-th attempt on.
 */
public class BinClientTest {
    private static final String FAKE_CLIENT = String.join("\n",
            "#!/bin/bash",
            "dir=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"",
            "batch=0",
            "commands=()",
            "while [ $# -gt 0 ]; do",
            "  case \"$1\" in",
            "    -u|-p|-h|-a) echo \"option $1 $2\"; shift 2;;",
            "    -b) batch=1; shift;;",
            "    *) commands+=(\"$1\"); shift;;",
            "  esac",
            "done",
            "run() {",
            "  case \"$1\" in",
            "    exit\\ *) echo \"ran: $1\"; return ${1#exit };;",
            "    fail) echo 'Error executing command: failed' >&2; return 1;;",
            "    hang) sleep 60 & echo $! > \"$dir/hang.pid\"; wait $!; return 0;;",
            "    answer-from-attempt\\ *)",
            "      n=$(( $(cat \"$dir/attempts\" 2>/dev/null || echo 0) + 1 )); echo $n > \"$dir/attempts\"",
            "      if [ $n -lt ${1#answer-from-attempt } ]; then sleep 60 & wait $!; fi",
            "      echo \"answered at attempt $n\"; return 0;;",
            "    *) echo \"ran: $1\"; return 0;;",
            "  esac",
            "}",
            "if [ $batch = 1 ]; then",
            "  status=0",
            "  while IFS= read -r line; do run \"$line\" || status=$?; done",
            "  exit $status",
            "fi",
            "# Karaf 4.4's client: end of file on its stdin ends the session at once.",
            "read -t 0.2 -r ignored; rc=$?",
            "if [ $rc -ne 0 ] && [ $rc -le 128 ]; then echo Closed; exit 1; fi",
            "run \"${commands[*]}\"",
            "exit $?",
            "");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path home;
    private BinClient client;

    @Before
    public void writeFakeClient() throws IOException {
        home = tmp.getRoot().toPath();
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path script = bin.resolve("client");
        Files.writeString(script, FAKE_CLIENT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        client = BinClient.of(home).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    public void theFakeEndsAtEndOfInputAsKarafsClientDoes() {
        Processes.Result r = Processes.run(List.of(home.resolve("bin/client").toString(), "conntrack:count"), home,
                Processes.Input.NONE, Duration.ofSeconds(20));
        assertEquals("stdin at end of file: " + r, 1, r.exit());
        assertTrue("prints Closed: " + r, r.out().contains("Closed"));
        assertFalse("the command did not run: " + r, r.out().contains("ran:"));
    }

    @Test
    public void aCommandRunsBecauseItsInputStaysOpen() {
        Processes.Result r = client.command("conntrack:count -n blue");
        assertTrue("succeeded: " + r, r.succeeded());
        assertTrue("the whole command line is one argument: " + r, r.out().contains("ran: conntrack:count -n blue"));
        assertFalse("not ended by end of input: " + r, r.out().contains("Closed"));
    }

    @Test
    public void userPasswordHostAndPortArePassed() {
        Processes.Result r = client.withUser("alice", "a-password").withHost("127.0.0.1").withPort(8102)
                .command("conntrack:count");
        for (String option : List.of("option -u alice", "option -p a-password", "option -h 127.0.0.1",
                "option -a 8102")) {
            assertTrue(option + " in " + r, r.out().contains(option));
        }
        Processes.Result defaults = client.command("conntrack:count");
        assertTrue("karaf/karaf by default: " + defaults,
                defaults.out().contains("option -u karaf") && defaults.out().contains("option -p karaf"));
        assertFalse("no host or port unless given: " + defaults,
                defaults.out().contains("option -h") || defaults.out().contains("option -a"));
    }

    @Test
    public void theExitStatusAndBothStreamsAreReturned() {
        Processes.Result three = client.command("exit 3");
        assertEquals(three.toString(), 3, three.exit());
        assertFalse("not a timeout: " + three, three.timedOut());
        assertFalse("a non-zero status is not success", three.succeeded());

        Processes.Result failed = client.command("fail");
        assertEquals(failed.toString(), 1, failed.exit());
        assertTrue("the error is on stderr: " + failed, failed.err().contains("Error executing command: failed"));
        assertFalse("and not on stdout: " + failed, failed.out().contains("Error executing"));
    }

    @Test
    public void batchPipesEveryCommandAndEndsWithTheStatus() {
        Processes.Result ok = client.batch("conntrack:count", "conntrack:list -n blue");
        assertTrue("succeeded: " + ok, ok.succeeded());
        assertTrue("both commands ran: " + ok,
                ok.out().contains("ran: conntrack:count\nran: conntrack:list -n blue\n"));
        Processes.Result failing = client.batch("conntrack:count", "exit 4");
        assertEquals(failing.toString(), 4, failing.exit());
    }

    @Test
    public void aHangingCallIsKilledAndReportedAsTimedOut() throws Exception {
        long start = System.nanoTime();
        Processes.Result r = client.withTimeout(Duration.ofSeconds(1)).command("hang");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue("timed out: " + r, r.timedOut());
        assertFalse("a timeout is not success", r.succeeded());
        assertTrue("killed after about 1 s, not after the 60 s sleep: " + tookMillis + " ms", tookMillis < 15_000);
        long sleepPid = Long.parseLong(Files.readString(home.resolve("hang.pid")).trim());
        assertTrue("the client's own child is killed too", endsWithin(sleepPid, 5_000));
    }

    /** Whether the process is gone, or a zombie (killed, not yet reaped by its new parent), within the time. */
    private static boolean endsWithin(long pid, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (true) {
            try {
                // /proc/PID/stat: "PID (COMM) STATE ..."
                if (Files.readString(Path.of("/proc", Long.toString(pid), "stat")).replaceFirst("^.*\\) ", "")
                        .startsWith("Z")) {
                    return true;
                }
            } catch (IOException e) {
                return true; // no such process
            }
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    @Test
    public void awaitReadyRetriesAHangingSessionUntilItAnswers() {
        Processes.Result r = client.withTimeout(Duration.ofMillis(700))
                .awaitReady("answer-from-attempt 3", Duration.ofSeconds(30));
        assertTrue("succeeded: " + r, r.succeeded());
        assertTrue("the third attempt answered: " + r, r.out().contains("answered at attempt 3"));
    }

    @Test
    public void awaitReadyFailsAfterItsDeadlineWithTheLastAttempt() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> client.withTimeout(Duration.ofMillis(300)).awaitReady("hang", Duration.ofSeconds(2)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("bin/client did not answer 'hang' within PT2S ("));
        assertTrue(e.getMessage(), e.getMessage().contains("timed out, killed"));
    }
}
