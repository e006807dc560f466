package io.jconntrack.shell.completer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class CompletersTest {

    @Test
    public void netnsNamesFromDirectory() throws Exception {
        Path dir = Files.createTempDirectory("netns");
        try {
            Files.createFile(dir.resolve("red"));
            Files.createFile(dir.resolve("blue"));
            assertEquals(List.of("blue", "red"), NetnsCompleter.names(dir));
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
        }
        assertEquals(List.of(), NetnsCompleter.names(dir));
    }

    @Test
    public void statusCompletesAfterComma() {
        List<String> c = StatusCompleter.candidates("ASSURED,SE");
        assertTrue("the flags after the comma complete: " + c, c.contains("ASSURED,SEEN_REPLY"));
        assertTrue("every flag from nothing", StatusCompleter.candidates("").contains("ASSURED"));
    }
}
