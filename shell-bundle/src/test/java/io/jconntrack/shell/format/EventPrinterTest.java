package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.EventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Test;

public class EventPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String print(String output, Clock clock, ConntrackEvent... events) {
        EventPrinter p = new EventPrinter(OutputFormat.parse("-o", output),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), null, clock);
        for (ConntrackEvent e : events) {
            p.print(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Clock at(long second, int micros) {
        return Clock.fixed(Instant.ofEpochSecond(second, micros * 1000L), ZoneOffset.UTC);
    }

    @Test
    public void timestampPrefixesThePrintingTime() {
        // As conntrack -E -o timestamp printed it (at the time of printing, then a tab).
        assertEquals("[1796012508.687289]\t    [NEW] udp      17 30 src=192.0.2.50 dst=198.51.100.50 sport=1 dport=2 "
                + "[UNREPLIED] src=198.51.100.50 dst=192.0.2.50 sport=2 dport=1 mark=9 zone=4\n",
                print("timestamp", at(1_796_012_508L, 687_289),
                        new ConntrackEvent(EventType.NEW, ToolFixtures.udpEventNew())));
    }

    @Test
    public void timestampDigitsArePaddedAsPrintfPrecision() {
        assertEquals(true, print("timestamp", at(5, 7), new ConntrackEvent(EventType.NEW, ToolFixtures.udpEventNew()))
                .startsWith("[00000005.000007]\t    [NEW] "));
    }

    @Test
    public void saveLinesByEventType() {
        String text = print("save", at(0, 0), new ConntrackEvent(EventType.NEW, ToolFixtures.udpEventNew()),
                new ConntrackEvent(EventType.UPDATE, ToolFixtures.udpEventNew()),
                new ConntrackEvent(EventType.DESTROY, ToolFixtures.udpEventDestroy()));
        assertEquals("-A -t 30 -u UNSET -w 4 -s 192.0.2.50 -d 198.51.100.50 -r 198.51.100.50 -q 192.0.2.50 -p udp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1\n"
                + "-U -t 30 -u UNSET -w 4 -s 192.0.2.50 -d 198.51.100.50 -r 198.51.100.50 -q 192.0.2.50 -p udp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1\n"
                + "-D -t 29 -u UNSET -w 4 -s 192.0.2.50 -d 198.51.100.50 -r 198.51.100.50 -q 192.0.2.50 -p udp "
                + "--sport 1 --dport 2 --reply-port-src 2 --reply-port-dst 1\n", text);
    }
}
