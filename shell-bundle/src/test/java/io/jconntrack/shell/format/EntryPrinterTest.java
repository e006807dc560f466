package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class EntryPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    public void listSavesWithAddAndDeleteWithDelete() {
        EntryPrinter list = new EntryPrinter(OutputFormat.parse("-o", "save"), out, true);
        list.accept(ToolFixtures.generic99());
        list.finish();
        EntryPrinter delete = new EntryPrinter(OutputFormat.SAVE, out, true, PrintingCommand.DELETE);
        delete.accept(ToolFixtures.generic99());
        delete.finish();
        assertEquals("-A -t 29 -u UNSET -s 192.0.2.4 -d 198.51.100.4 -r 198.51.100.4 -q 192.0.2.4 -p 99\n"
                + "-D -t 29 -u UNSET -s 192.0.2.4 -d 198.51.100.4 -r 198.51.100.4 -q 192.0.2.4 -p 99\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void conntrackTextWithModifiers() {
        EntryPrinter p = new EntryPrinter(OutputFormat.parse("-o", "extended,id"), out, true);
        p.accept(ToolFixtures.generic99());
        p.finish();
        assertEquals("ipv4     2 unknown  99 29 src=192.0.2.4 dst=198.51.100.4 [UNREPLIED] src=198.51.100.4 "
                + "dst=192.0.2.4 mark=0 use=1 id=3898469427\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
