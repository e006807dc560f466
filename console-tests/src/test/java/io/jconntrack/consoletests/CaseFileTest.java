package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class CaseFileTest {

    @Test
    public void readsRunStdinAndPipeLinesAndSkipsCommentsAndEmptyCommands() {
        CaseFile f = CaseFile.parse("x.txt", List.of(
                "# a comment",
                "-I -s 192.0.2.1 -d 198.51.100.1 -p udp --sport 1 --dport 2 -t 50 ; OK",
                "conntrack -D -w 123 ; BAD",
                "-I -w 1 -s 192.0.2.1 -d 198.51.100.1 -p udp --sport 1 --dport 2 -t 50 ;",
                "  ;",
                "\t;",
                "",
                "-L -w 10 -o save ; |s/-w 10/-w 11/g; s/-D /-I /g",
                "-R - ; OK"));
        assertEquals(List.of(
                new CaseFile.Line(2, CaseFile.Kind.RUN, "-I -s 192.0.2.1 -d 198.51.100.1 -p udp --sport 1 --dport 2 -t 50",
                        Optional.of(true), ""),
                new CaseFile.Line(3, CaseFile.Kind.RUN, "-D -w 123", Optional.of(false), ""),
                new CaseFile.Line(4, CaseFile.Kind.STDIN,
                        "-I -w 1 -s 192.0.2.1 -d 198.51.100.1 -p udp --sport 1 --dport 2 -t 50", Optional.empty(), ""),
                new CaseFile.Line(8, CaseFile.Kind.PIPE, "-L -w 10 -o save", Optional.empty(),
                        "s/-w 10/-w 11/g; s/-D /-I /g"),
                new CaseFile.Line(9, CaseFile.Kind.RUN, "-R -", Optional.of(true), "")), f.lines());
    }

    @Test
    public void refusesLinesWithoutSemicolonOrWithAnUnknownOutcome() {
        assertThrows(IllegalArgumentException.class, () -> CaseFile.parse("x", List.of("-L")));
        assertThrows(IllegalArgumentException.class, () -> CaseFile.parse("x", List.of("-L ; MAYBE")));
        assertThrows(IllegalArgumentException.class, () -> CaseFile.parse("x", List.of("; OK")));
    }

    @Test
    public void sedAppliesSubstitutionsInOrder() {
        Sed sed = Sed.parse("s/-w 10/-w 11/g; s/-D /-I /");
        assertEquals("-I -w 11 -s 192.0.2.1 -w 11", sed.apply("-D -w 10 -s 192.0.2.1 -w 10"));
        assertThrows(IllegalArgumentException.class, () -> Sed.parse("y/a/b/"));
    }
}
