package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class LabelNamesTest {

    @Test
    public void readsTheFileAsLibnetfilterConntrackDoes() {
        LabelNames n = LabelNames.parse(List.of(
                "# comment",
                "0 zero",
                "  1\tone  ",
                "0x10 sixteen",
                "010 eight",
                "2 two words",
                "3 bad;name",
                "1 again",
                "4 zero",
                "1024 too-big",
                "-1 negative",
                "x5 no-number",
                "6",
                "7 dash-ok"));
        assertEquals("zero", n.nameOf(0));
        assertEquals("one", n.nameOf(1));
        assertEquals("sixteen", n.nameOf(16));
        assertEquals("eight", n.nameOf(8));
        assertEquals("two words", n.nameOf(2));
        assertNull("insane names are skipped", n.nameOf(3));
        assertNull("a name is taken once", n.nameOf(4));
        assertNull(n.nameOf(6));
        assertEquals("dash-ok", n.nameOf(7));
        assertNull(n.nameOf(1024));
        assertNull(n.nameOf(-1));
    }

    @Test
    public void noNamesIsNoMap() {
        assertNull(LabelNames.parse(List.of("# nothing", "", "1")));
        assertNull(LabelNames.load(Path.of("/nonexistent/connlabel.conf")));
    }
}
