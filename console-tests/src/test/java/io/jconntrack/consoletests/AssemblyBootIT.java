package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The assembly starts clean: every bundle Active (fragments Resolved), none Waiting for a service (the Event Admin
 * is optional and this assembly boots none), and nothing logged at ERROR, no stack trace in karaf.log or on the
 * console (which Karaf's JMX connector used to print, "Could not start JMX connector server ... The server has been
 * stopped"). First in {@link ConsoleSuite}: the log it reads holds the boot and the readiness probe only.
 */
public class AssemblyBootIT {
    private static ConsoleKaraf karaf;

    @BeforeClass
    public static void setUp() {
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
    public void everyBundleIsActive() {
        Processes.Result r = karaf.client().command("bundle:list -t 0 --no-format");
        assertTrue(r.toString(), r.succeeded());
        List<String> notActive = r.out().lines().filter(l -> l.matches("\\s*\\d+\\t.*"))
                .filter(l -> !state(l).equals("Active") && !(state(l).equals("Resolved") && l.contains("Hosts:")))
                .collect(Collectors.toList());
        assertEquals("bundles not Active", List.of(), notActive);
    }

    @Test
    public void bootLogsNoErrorAndPrintsNoStackTrace() throws IOException {
        List<String> errors = Files.readString(karaf.log()).lines()
                .filter(l -> l.contains("| ERROR |") || l.startsWith("\tat ") || l.contains("Exception"))
                .collect(Collectors.toList());
        assertEquals("karaf.log since the boot", List.of(), errors);
        List<String> printed = Files.readString(karaf.home().resolve("data/karaf-console.out")).lines()
                .filter(l -> l.startsWith("\tat ") || l.contains("Exception") || l.contains("Could not start"))
                .collect(Collectors.toList());
        assertEquals("printed on the console since the boot", List.of(), printed);
    }

    private static String state(String line) {
        return line.split("\t")[1].trim();
    }
}
