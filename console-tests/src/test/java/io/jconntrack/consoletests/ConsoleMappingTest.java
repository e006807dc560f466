package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class ConsoleMappingTest {

    private static String console(String args) {
        return ConsoleMapping.console(args, "B", "/tmp/in.txt").orElseThrow();
    }

    @Test
    public void commandOptionBecomesTheCommandAndTheRestIsPassedAsWritten() {
        assertEquals("conntrack:create -n B -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1 --dport 2 -t 50",
                console("-I -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1 --dport 2 -t 50"));
        assertEquals("conntrack:add -n B -w 3", console("-A -w 3"));
        assertEquals("conntrack:update -n B -p udp -m 0x10/0xf0", console("--update -p udp -m 0x10/0xf0"));
        assertEquals("conntrack:count -n B -w 5", console("-C -w 5"));
        assertEquals("conntrack:flush -n B", console("-F"));
    }

    @Test
    public void toolsShortSrcNatIsTheLongOptionOnTheConsole() {
        assertEquals("conntrack:list -n B --src-nat 203.0.113.5 -o conntrack", console("-L -n 203.0.113.5"));
        assertEquals("conntrack:list -n B -g 203.0.113.5:80 -o conntrack", console("-L -g 203.0.113.5:80"));
    }

    @Test
    public void bareDeleteMeansAllAndListsPrintInTheToolsFormat() {
        assertEquals("conntrack:delete -n B --all", console("-D"));
        assertEquals("conntrack:delete -n B -w 1", console("-D -w 1"));
        assertEquals("conntrack:list -n B -o conntrack", console("-L"));
        assertEquals("conntrack:list -n B -o extended,id", console("-L -o extended,id"));
        assertEquals("conntrack:get -n B -p udp -o conntrack", console("-G -p udp"));
    }

    @Test
    public void restoreFromStandardInputReadsTheFileThroughAPipe() {
        assertEquals("cat /tmp/in.txt | conntrack:restore -n B", console("-R -"));
        assertEquals("conntrack:restore -n B /tmp/saved", console("-R /tmp/saved"));
    }

    @Test
    public void argumentsTheShellWouldReadAreQuoted() {
        assertEquals("conntrack:list -n B --dst-nat '[2001:db8::1]:80' -o conntrack",
                console("-L --dst-nat [2001:db8::1]:80"));
    }

    @Test
    public void linesWithoutAConsoleCommandAreNotMapped() {
        assertEquals(Optional.empty(), ConsoleMapping.console("-E -e NEW", "B", "x"));
        assertEquals(Optional.empty(), ConsoleMapping.console("-s 192.0.2.1", "B", "x"));
        assertEquals(List.of("-I", "-t", "5"), ConsoleMapping.split("  -I  -t\t5 "));
    }
}
