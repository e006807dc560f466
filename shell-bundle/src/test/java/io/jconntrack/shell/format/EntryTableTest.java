package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.shell.Entries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class EntryTableTest {

    private static String print(boolean format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new EntryTable().add(Entries.tcpUnreplied()).add(Entries.icmp()).add(Entries.tcp6()).print(out, format);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void headerAndRows() {
        String[] lines = print(true).split("\n");
        assertTrue(lines[0], lines[0].matches("PROTO +. SRC +. DST +. SPORT +. DPORT +. STATE +. ZONE +. MARK +. "
                + "TIMEOUT . FLAGS *"));
        assertEquals(5, lines.length);
        assertEquals("[tcp, 192.0.2.1, 198.51.100.1, 1, 2, ESTABLISHED, 5, 7, 294, CONFIRMED]",
                java.util.Arrays.toString(lines[2].trim().split("\\s+[|\u2502]\\s+")));
        assertTrue(lines[3], lines[3].contains("id=3333"));
        assertTrue(lines[3], lines[3].contains("8/0"));
        assertTrue(lines[4], lines[4].contains("2001:db8::1"));
    }

    @Test
    public void noFormatHasNoHeader() {
        String[] lines = print(false).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0], lines[0].startsWith("tcp"));
        assertTrue(lines[0], lines[0].contains("192.0.2.1"));
    }
}
