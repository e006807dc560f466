package io.jconntrack.shell;

import static io.jconntrack.testsupport.Addresses.ip;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;

/** Hand-built entries shaped like the kernel's dump of the fixtures in notes/conntrack-format.md. */
public final class Entries {
    private Entries() {
    }

    /** tcp 192.0.2.1:1 -> 198.51.100.1:2 ESTABLISHED, unreplied, mark 7, zone 5. */
    public static ConntrackEntry tcpUnreplied() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                .timeout(294).tcpState(TcpState.ESTABLISHED).status(StatusFlag.CONFIRMED).mark(7).zone(5)
                .use(1).id(1368869587L).build();
    }

    /** tcp 192.0.2.4:1002 -> 198.51.100.4:22 ESTABLISHED, assured. */
    public static ConntrackEntry tcpAssured() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.4"), ip("198.51.100.4"), 1002, 22))
                .timeout(3594).tcpState(TcpState.ESTABLISHED)
                .status(StatusFlag.SEEN_REPLY, StatusFlag.ASSURED, StatusFlag.CONFIRMED).use(1).build();
    }

    public static ConntrackEntry udp() {
        return ConntrackEntry.builder(Tuple.udp(ip("192.0.2.5"), ip("198.51.100.5"), 5353, 53))
                .timeout(24).status(StatusFlag.CONFIRMED).use(1).build();
    }

    public static ConntrackEntry icmp() {
        return ConntrackEntry.builder(Tuple.icmp(ip("192.0.2.7"), ip("198.51.100.7"), 8, 0, 3333))
                .timeout(24).status(StatusFlag.CONFIRMED).use(1).build();
    }

    public static ConntrackEntry icmpv6() {
        return ConntrackEntry.builder(Tuple.icmp(ip("2001:db8::7"), ip("2001:db8:1::7"), 128, 0, 4444))
                .timeout(24).status(StatusFlag.CONFIRMED).use(1).build();
    }

    public static ConntrackEntry tcp6() {
        return ConntrackEntry.builder(Tuple.tcp(ip("2001:db8::1"), ip("2001:db8:1::1"), 40000, 443))
                .timeout(294).tcpState(TcpState.ESTABLISHED).status(StatusFlag.CONFIRMED).use(1).build();
    }

    public static ConntrackEntry gre() {
        return ConntrackEntry.builder(Tuple.of(Protocol.GRE, ip("192.0.2.10"), ip("198.51.100.10"), 0x1234, 0x5678))
                .reply(Tuple.of(Protocol.GRE, ip("198.51.100.10"), ip("192.0.2.10"), 0x5678, 0x1234))
                .timeout(54).status(StatusFlag.CONFIRMED).use(1).build();
    }

    /** With accounting on: counters in both directions, mark 43, assured. */
    public static ConntrackEntry tcpCounters() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.20"), ip("198.51.100.20"), 20, 21))
                .timeout(197).tcpState(TcpState.ESTABLISHED)
                .status(StatusFlag.SEEN_REPLY, StatusFlag.ASSURED, StatusFlag.CONFIRMED).mark(43).use(1)
                .counters(new Counters(0, 0), new Counters(0, 0)).build();
    }
}
