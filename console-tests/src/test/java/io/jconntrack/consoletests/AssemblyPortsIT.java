package io.jconntrack.consoletests;

import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The started assembly binds only the ports {@link ConsoleKaraf} chose (and Karaf's random shutdown port), all on
 * 127.0.0.1: a fixed port that a new feature brings would make these tests collide with another Karaf on the machine.
 */
public class AssemblyPortsIT {
    private static final Pattern LISTEN = Pattern.compile("\\s(\\S+):(\\d+)\\s+\\S+\\s+users:");

    private static ConsoleKaraf karaf;

    @BeforeClass
    public static void setUp() {
        Preconditions.requireExecutable("ss", "iproute2");
        karaf = SharedKaraf.acquire();
    }

    @AfterClass
    public static void tearDown() {
        if (karaf != null) {
            karaf = null;
            SharedKaraf.release();
        }
    }

    @Test
    public void listensOnlyOnTheChosenPortsOfTheLoopback() throws IOException {
        Set<Integer> allowed = new HashSet<>(karaf.chosenPorts());
        allowed.add(Integer.parseInt(Files.readString(karaf.home().resolve("data/port")).trim()));
        Processes.Result ss = Processes.run(List.of("ss", "-Hltunp"));
        int seen = 0;
        for (String line : ss.out().split("\n")) {
            if (!line.contains("pid=" + karaf.pid() + ",")) {
                continue;
            }
            Matcher m = LISTEN.matcher(line);
            assertTrue("unexpected ss line: " + line, m.find());
            String host = m.group(1);
            int port = Integer.parseInt(m.group(2));
            assertTrue("Karaf listens on a port it was not given: " + line, allowed.contains(port));
            assertTrue("Karaf listens beyond the loopback: " + line,
                    host.equals("127.0.0.1") || host.equals("[::ffff:127.0.0.1]"));
            seen++;
        }
        assertTrue("no listening socket of Karaf (pid " + karaf.pid() + ") found in: " + ss.out(), seen >= 3);
    }
}
