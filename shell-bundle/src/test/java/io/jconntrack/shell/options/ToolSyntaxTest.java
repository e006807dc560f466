package io.jconntrack.shell.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.ZoneDirection;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The tool's syntax and rules: what is read, what is refused and with which one-line message. */
public class ToolSyntaxTest {

    private static ToolRequest request(String line) {
        return ToolRequest.of(ToolSyntax.parseLine(line));
    }

    /** Reads, checks and converts the line as its command would before calling the service. */
    private static Object converted(String line) {
        ToolRequest r = request(line);
        switch (r.command()) {
            case CREATE:
            case ADD:
                return r.entry();
            case UPDATE:
                return r.change().toString() + r.selection();
            default:
                return r.selection();
        }
    }

    private static void refused(String line, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converted(line));
        assertEquals(message, e.getMessage());
    }

    @Test
    public void shortLongAbbreviatedAndInlineForms() {
        ToolArgs a = ToolSyntax.parseLine("conntrack -L -s192.0.2.1 --orig-dst=198.51.100.1 --proto tcp "
                + "--orig-port-src 5 --dp 6 -w 3");
        assertEquals(ToolCommand.LIST, a.command());
        assertEquals("192.0.2.1", a.get(ToolOption.SRC));
        assertEquals("198.51.100.1", a.get(ToolOption.DST));
        assertEquals("tcp", a.get(ToolOption.PROTO));
        assertEquals("5", a.get(ToolOption.SPORT));
        assertEquals("6", a.get(ToolOption.DPORT));
        assertEquals(List.of("-I", "-s", "a b", "x\"y"), ToolSyntax.split("  -I\t-s \"a b\" \"x\\\"y\""));
    }

    @Test
    public void optionalArgumentsTakeTheNextWordUnlessItIsAnOption() {
        ToolArgs a = ToolSyntax.parseLine("-L --dst-nat --src-nat 192.0.2.9:80 -n");
        assertEquals(null, a.get(ToolOption.DST_NAT));
        assertTrue(a.has(ToolOption.DST_NAT));
        assertTrue("-n is --src-nat in the tool's own syntax", a.has(ToolOption.SRC_NAT));
        assertEquals(null, a.get(ToolOption.SRC_NAT));
    }

    @Test
    public void protocolOptionsExistOnlyAfterTheirProtocol() {
        refused("-I -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -p tcp --state LISTEN -t 5",
                "unknown option `--sport'");
        refused("-L -p udp --state LISTEN", "unknown option `--state'");
        refused("-L -p 2 --sport 3", "unknown option `--sport'");
    }

    @Test
    public void theToolsCommandOptionTable() {
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p tcp --sport 1 --dport 2 --state LISTEN -t 5 -f ipv4",
                "--family: Illegal option `--family' with this command");
        refused("-U -w 3 -m 1", "--zone: Illegal option `--zone' with this command");
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p tcp --sport 1 --dport 2 --state LISTEN",
                "--timeout: You need to supply the `--timeout' option for this command");
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p tcp --sport 1 --dport 2 -t 5",
                "--state: You need to supply the `--state' option for this command");
        refused("-I -s 1.1.1.1 -p tcp --sport 1 --dport 2 --state LISTEN -t 5",
                "--src: you have to specify `--src' and `--dst'");
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p tcp --dport 2 --state LISTEN -t 5",
                "--sport: you have to specify `--sport' and `--dport'");
        refused("-L -z -p tcp", "--zero: Can't use -z with filtering parameters");
        refused("-L --mask-src 255.0.0.0", "--mask-src: Can't use --mask-src without --src");
        refused("-L --src-nat --any-nat", "--any-nat: cannot specify `--src-nat' or `--dst-nat' with `--any-nat'");
        refused("-L -D", "-D: Invalid commands combination (already -L)");
    }

    @Test
    public void valuesAreCheckedAndNamed() {
        refused("-L -s 2.2.2.2 -d ::1", "--dst: '::1': mismatched address family");
        refused("-L --mask-src ffff:ffff:: --mask-dst 255.0.0.0 -s ::1 -d ::2",
                "--mask-dst: '255.0.0.0': mismatched address family");
        refused("-L -s [2001:db8::1]", "--src: Invalid IP address `[2001:db8::1]'");
        refused("-L -r 192.0.2.0/24", "--reply-src: '192.0.2.0/24': CIDR notation unavailable for `--reply-src'");
        refused("-L --dst-nat 1.1.1.1:", "--dst-nat: '1.1.1.1:': No port specified after `:'");
        refused("-L --dst-nat 1.1.1.1::", "--dst-nat: Invalid IP address `1.1.1.1::'");
        refused("-L --dst-nat 1.1.1.1:65536", "--dst-nat: '1.1.1.1:65536': Invalid port `65536'");
        refused("-L --dst-nat [2001:db8::1]", "--dst-nat: Invalid IP address `[2001:db8::1]'");
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p 256 -t 5", "--protonum: `256' unsupported protocol (a name from "
                + "/etc/protocols or a number 0..255)");
        refused("-I -s 1.1.1.1 -d 2.2.2.2 -p -10 -t 5", "--protonum: `-10' unsupported protocol (a name from "
                + "/etc/protocols or a number 0..255)");
        refused("-L -u BOGUS", "--status: Bad parameter `BOGUS' (one of ASSURED, SEEN_REPLY, UNSET, FIXED_TIMEOUT, "
                + "EXPECTED, OFFLOAD, HW_OFFLOAD)");
        refused("-D -w 70000", "--zone: '70000' is not a number 0..65535");
        refused("-L -f inet", "--family: `inet' unsupported protocol (ipv4 or ipv6)");
    }

    @Test
    public void selectionAsTheToolSelects() {
        Selection s = request("-L -s 1.1.1.4/24 -d 2.0.0.0 --mask-dst 255.0.0.0 -p tcp --reply-port-src 80 "
                + "-m 42/0xffff -u seen,!ASSURED --dst-nat 3.3.3.3:80").selection();
        ConntrackFilter f = s.filter();
        assertEquals("1.1.1.0/24", f.source().toString());
        assertEquals("2.0.0.0/8", f.destination().toString());
        assertEquals(Integer.valueOf(80), f.replySourcePort());
        assertEquals(Long.valueOf(42), f.mark());
        assertEquals(0xffff, f.markMask());
        assertEquals(Set.of(StatusFlag.SEEN_REPLY), f.status());
        assertEquals("3.3.3.3:80", f.destinationNat().toString());
        assertTrue("!ASSURED is checked by the console", s.hasExtra());
        assertEquals(NatTarget.ANY, request("-L --any-nat").selection().filter().anyNat());
        assertEquals(Protocol.of(2), request("-L -p igmp").protocol());
        assertEquals(Protocol.of(0x11), request("-L -p 0x11").protocol());
    }

    @Test
    public void createFromReplyWithZoneDirectionAndNat() {
        ConntrackEntry e = request("-I -r 2.2.2.2 -q 1.1.1.1 -p tcp --reply-port-src 11 --reply-port-dst 21 "
                + "--state LISTEN -u SEEN_REPLY -t 50 --orig-zone 4 --dst-nat 3.3.3.3:80").entry();
        assertEquals("1.1.1.1", e.original().source().getHostAddress());
        assertEquals(21, e.original().sourcePort());
        assertEquals(ZoneDirection.ORIGINAL, e.zoneDirection());
        assertEquals("3.3.3.3:80", e.destinationNat().toString());
        assertEquals(Set.of(StatusFlag.SEEN_REPLY), e.status());
        ConntrackEntry icmp = request("-I -t 29 -s 1.1.1.1 -d 2.2.2.2 -r 2.2.2.2 -q 1.1.1.1 -p icmp --icmp-type 8 "
                + "--icmp-code 0 --icmp-id 1226").entry();
        assertEquals(0, icmp.reply().icmpType());
        assertEquals(1226, icmp.reply().icmpId());
        ConntrackEntry generic = request("-I -t 10 -s 0.0.0.0 -d 224.0.0.22 -r 224.0.0.22 -q 0.0.0.0 -p 2").entry();
        assertEquals(2, generic.protocol().number());
    }

    @Test
    public void updateChangeIsMarkMaskStatusLabelsTimeout() {
        io.jconntrack.api.ConntrackChange c = request("-U -s 1.1.1.1 -m 0/0xffff0000 -u FIXED_TIMEOUT -t 11 "
                + "--label-add 3,5").change();
        assertEquals(Long.valueOf(0), c.mark());
        assertEquals(0xffff0000L, c.markMask());
        assertEquals(Set.of(StatusFlag.FIXED_TIMEOUT), c.status());
        assertEquals(Long.valueOf(11), c.timeout());
        assertEquals(Set.of(3, 5), c.labelsToSet());
        assertEquals(128, request("-U -s 1.1.1.1 --label-del").change().labelsToClear().size());
        refused("-U -s 1.1.1.1 --label-add 1 --label-del 2",
                "--label-add/--label-del: cannot use --label-add and --label-del at the same time");
    }
}
