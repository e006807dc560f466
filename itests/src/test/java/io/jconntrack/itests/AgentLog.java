package io.jconntrack.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the REST agent logged when it started: its port and its certificate's SHA-256 fingerprint. */
record AgentLog(int port, String fingerprint) {
    private static final Pattern STARTED = Pattern.compile(
            "REST agent on https://127\\.0\\.0\\.1:(\\d+)/conntrack/v1, realm karaf, certificate SHA-256 ([0-9A-F:]+)");

    /** Waits for the agent's start line in this container's karaf.log (the last one, after a restart). */
    static AgentLog await() {
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        String[] started = new String[2];
        KarafTestSupport.waitUntil(() -> "no 'REST agent on https://127.0.0.1:…' line in " + log, () -> {
            try (Stream<String> lines = Files.lines(log)) {
                for (String l : (Iterable<String>) lines::iterator) {
                    Matcher m = STARTED.matcher(l);
                    if (m.find()) {
                        started[0] = m.group(1);
                        started[1] = m.group(2);
                    }
                }
            } catch (Exception e) {
                return false;
            }
            return started[0] != null;
        });
        return new AgentLog(Integer.parseInt(started[0]), started[1]);
    }
}
