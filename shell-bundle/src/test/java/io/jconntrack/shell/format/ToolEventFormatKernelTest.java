package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Subscription;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Events printed with each {@code -o} modifier, compared with {@code conntrack -E -o ...} watching the same
 * namespace. Both append {@code [USERSPACE] portid=N [progname=P]} to events caused by a process (all of these
 * are); the program's name is cut, as it shows only while the process still runs. {@code mark=0} is cut: the kernel sends a zero mark in the NEW and UPDATE events of entries made or changed
 * through ctnetlink (they report {@code IPCT_MARK}), not in those of traffic, and only the sender tells them
 * apart; we print the mark of events when it is set. The {@code -o timestamp} prefix is the time of printing and is
 * normalised.
 */
public class ToolEventFormatKernelTest {
    private static final String[] MODIFIERS = {"conntrack", "extended,id", "ktimestamp", "timestamp", "save"};
    private static final String[][] CHANGES = {
        {"-I", "-p", "udp", "-s", "192.0.2.50", "-d", "198.51.100.50", "--sport", "1", "--dport", "2", "-t", "30",
            "-m", "9"},
        {"-I", "-p", "tcp", "-s", "192.0.2.51", "-d", "198.51.100.51", "--sport", "1", "--dport", "2", "--state",
            "ESTABLISHED", "-t", "30", "--src-nat", "203.0.113.51", "-w", "6"},
        {"-U", "-p", "udp", "-s", "192.0.2.50", "-m", "10"},
        {"-D", "-p", "udp", "-s", "192.0.2.50"},
        {"-D", "-p", "tcp", "-s", "192.0.2.51", "-w", "6"},
    };
    /** How long the tool's event listeners run: long enough to start, see every change and print it. */
    private static final int LISTEN_SECONDS = 4;
    private static final long START_MILLIS = 1000;

    @Test
    public void eventsAsConntrackE() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-fmt-ev");
                NetlinkConntrackService root = Conntrack.open()) {
            ns.sysctl("net.netfilter.nf_conntrack_acct", "1");
            ns.sysctl("net.netfilter.nf_conntrack_timestamp", "1");
            Map<String, CompletableFuture<Processes.Result>> tools = new LinkedHashMap<>();
            for (String m : MODIFIERS) {
                List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "timeout",
                        Integer.toString(LISTEN_SECONDS), "conntrack", "-E"));
                if (!m.equals("conntrack")) {
                    cmd.addAll(List.of("-o", m));
                }
                tools.put(m, CompletableFuture.supplyAsync(() -> Processes.run(cmd, null, Processes.Input.NONE,
                        Duration.ofSeconds(LISTEN_SECONDS + 10))));
            }
            List<ConntrackEvent> events = new CopyOnWriteArrayList<>();
            try (Subscription s = root.inNamespace(ns.name()).subscribe(EventFilter.ALL, events::add)) {
                Thread.sleep(START_MILLIS);
                for (String[] change : CHANGES) {
                    ns.conntrack(change);
                }
                for (CompletableFuture<Processes.Result> tool : tools.values()) {
                    tool.get();
                }
            }
            for (String m : MODIFIERS) {
                List<String> expected = normalise(tools.get(m).get().out());
                assertEquals("-E -o " + m + ": " + expected, CHANGES.length, expected.size());
                assertEquals("-E -o " + m, expected, normalise(print(m, events)));
            }
        }
    }

    private static String print(String output, List<ConntrackEvent> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventPrinter p = new EventPrinter(OutputFormat.parse("-o", output),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        events.forEach(p::print);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> normalise(String text) {
        return new ArrayList<>(Arrays.stream(text.split("\n"))
                .filter(l -> !l.isEmpty())
                .map(l -> l.replaceFirst(" progname=\\S+$", "")
                        .replaceFirst(" mark=0( |$)", "$1")
                        .replaceFirst("^\\[\\d{8,}\\.\\d{6}\\]\t", "[TIME]\t"))
                .collect(Collectors.toList()));
    }
}
