package io.jconntrack.shell.format;

import static io.jconntrack.testsupport.Addresses.ip;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Counters;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.time.Instant;

/**
 * Entries as the kernel (6.18) dumped them after the {@code conntrack -I} command in each comment, in a fresh
 * namespace; the tests expect what conntrack 1.4.7 printed for them.
 */
final class ToolFixtures {
    private ToolFixtures() {
    }

    /** {@code -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1 --dport 2 --state ESTABLISHED -t 300 -w 5
     *  -u SEEN_REPLY,ASSURED} (mark 6). */
    static ConntrackEntry tcpZone5() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                .timeout(299).tcpState(TcpState.ESTABLISHED).zone(5).mark(6).use(1).id(2560713819L)
                .status(StatusFlag.SEEN_REPLY, StatusFlag.ASSURED, StatusFlag.CONFIRMED).build();
    }

    /** {@code -p udp -s 192.0.2.2 -d 198.51.100.2 --sport 1 --dport 2 -t 30 --orig-zone 7}. */
    static ConntrackEntry udpOrigZone() {
        return ConntrackEntry.builder(Tuple.udp(ip("192.0.2.2"), ip("198.51.100.2"), 1, 2))
                .timeout(29).zone(7, ZoneDirection.ORIGINAL).use(1).id(3079847823L)
                .status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p udp -s 192.0.2.3 -d 198.51.100.3 --sport 1 --dport 2 -t 30 --reply-zone 8}. */
    static ConntrackEntry udpReplyZone() {
        return ConntrackEntry.builder(Tuple.udp(ip("192.0.2.3"), ip("198.51.100.3"), 1, 2))
                .timeout(29).zone(8, ZoneDirection.REPLY).use(1).id(1634904643L)
                .status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p 99 -s 192.0.2.4 -d 198.51.100.4 -t 30}. */
    static ConntrackEntry generic99() {
        return ConntrackEntry.builder(Tuple.addressesOnly(Protocol.of(99), ip("192.0.2.4"), ip("198.51.100.4")))
                .timeout(29).use(1).id(3898469427L).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p tcp -s 192.0.2.5 -d 198.51.100.5 --sport 1 --dport 2 --state ESTABLISHED -t 300
     *  --src-nat 203.0.113.5}. */
    static ConntrackEntry tcpSnat() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.5"), ip("198.51.100.5"), 1, 2))
                .reply(Tuple.tcp(ip("198.51.100.5"), ip("203.0.113.5"), 2, 1))
                .timeout(299).tcpState(TcpState.ESTABLISHED).use(1).id(2009222222L)
                .status(StatusFlag.CONFIRMED, StatusFlag.SRC_NAT, StatusFlag.SRC_NAT_DONE).build();
    }

    /** {@code -p tcp -s 192.0.2.6 -d 198.51.100.6 --sport 1 --dport 2 --state ESTABLISHED -t 300
     *  --dst-nat 203.0.113.6:8080}. */
    static ConntrackEntry tcpDnat() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.6"), ip("198.51.100.6"), 1, 2))
                .reply(Tuple.tcp(ip("203.0.113.6"), ip("192.0.2.6"), 8080, 1))
                .timeout(299).tcpState(TcpState.ESTABLISHED).use(1).id(608285733L)
                .status(StatusFlag.CONFIRMED, StatusFlag.DST_NAT, StatusFlag.DST_NAT_DONE).build();
    }

    /** {@code -p tcp -s 2001:db8::1 -d 2001:db8::2 --sport 1 --dport 2 --state ESTABLISHED -t 300
     *  --src-nat [2001:db8::9]:99}. */
    static ConntrackEntry tcp6Snat() {
        return ConntrackEntry.builder(Tuple.tcp(ip("2001:db8::1"), ip("2001:db8::2"), 1, 2))
                .reply(Tuple.tcp(ip("2001:db8::2"), ip("2001:db8::9"), 2, 99))
                .timeout(299).tcpState(TcpState.ESTABLISHED).use(1)
                .status(StatusFlag.CONFIRMED, StatusFlag.SRC_NAT, StatusFlag.SRC_NAT_DONE).build();
    }

    /** {@code -p sctp -s 192.0.2.2 -d 198.51.100.2 --sport 1 --dport 2 --state ESTABLISHED --orig-vtag 17
     *  --reply-vtag 18 -t 300}: the kernel has the tags 0x11000000 and 0x12000000, see SaveFormat#toolVtag. */
    static ConntrackEntry sctp() {
        return ConntrackEntry.builder(Tuple.of(Protocol.SCTP, ip("192.0.2.2"), ip("198.51.100.2"), 1, 2))
                .timeout(299).sctpState(SctpState.ESTABLISHED).sctpVtags(0x1100_0000L, 0x1200_0000L).use(1)
                .status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p dccp ... --state OPEN --role client}: this kernel has no DCCP tracker and keeps a generic entry. */
    static ConntrackEntry dccpWithoutTracker() {
        return ConntrackEntry.builder(Tuple.of(Protocol.DCCP, ip("192.0.2.3"), ip("198.51.100.3"), 0, 0))
                .timeout(299).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** A DCCP entry of a kernel with the tracker (not available here to capture). */
    static ConntrackEntry dccpTracked() {
        return ConntrackEntry.builder(Tuple.of(Protocol.DCCP, ip("192.0.2.3"), ip("198.51.100.3"), 1, 2))
                .timeout(299).dccpState(DccpState.OPEN).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p gre -s 192.0.2.4 -d 198.51.100.4 --srckey 0x11 --dstkey 0x22 -t 300}. */
    static ConntrackEntry gre() {
        return ConntrackEntry.builder(Tuple.of(Protocol.GRE, ip("192.0.2.4"), ip("198.51.100.4"), 0x11, 0x22))
                .timeout(299).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p icmp -s 192.0.2.5 -d 198.51.100.5 --icmp-type 8 --icmp-code 0 --icmp-id 33 -t 30}. */
    static ConntrackEntry icmp() {
        return ConntrackEntry.builder(Tuple.icmp(ip("192.0.2.5"), ip("198.51.100.5"), 8, 0, 33))
                .timeout(29).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p icmpv6 -s 2001:db8::5 -d 2001:db8::6 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 44 -t 30}. */
    static ConntrackEntry icmpv6() {
        return ConntrackEntry.builder(Tuple.icmp(ip("2001:db8::5"), ip("2001:db8::6"), 128, 0, 44))
                .timeout(29).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p udplite -s 192.0.2.6 -d 198.51.100.6 --sport 1 --dport 2 -t 30}. */
    static ConntrackEntry udplite() {
        return ConntrackEntry.builder(Tuple.of(Protocol.UDPLITE, ip("192.0.2.6"), ip("198.51.100.6"), 1, 2))
                .timeout(29).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** {@code -p tcp ... --state LISTEN}: the kernel's SYN_SENT2. */
    static ConntrackEntry tcpListen() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                .timeout(299).tcpState(TcpState.SYN_SENT2).use(1).status(StatusFlag.CONFIRMED).build();
    }

    /** Start of the timestamped fixtures: Mon Nov 30 04:21:35 2026 UTC (nanoseconds as the kernel has them). */
    static final Instant START = Instant.ofEpochSecond(1_796_012_495L, 123_456_789);

    /** With nf_conntrack_acct and nf_conntrack_timestamp on: {@code -p tcp -s 192.0.2.1 -d 198.51.100.1 --sport 1
     *  --dport 2 --state ESTABLISHED -t 300 -w 3 -u SEEN_REPLY}. */
    static ConntrackEntry tcpAccounted() {
        return ConntrackEntry.builder(Tuple.tcp(ip("192.0.2.1"), ip("198.51.100.1"), 1, 2))
                .timeout(298).tcpState(TcpState.ESTABLISHED).zone(3).use(1).id(976183946L)
                .status(StatusFlag.SEEN_REPLY, StatusFlag.CONFIRMED)
                .counters(new Counters(0, 0), new Counters(0, 0)).timestamps(START, null).build();
    }

    /** The entry of the event tests: {@code -p udp -s 192.0.2.50 -d 198.51.100.50 --sport 1 --dport 2 -t 30 -m 9
     *  -w 4}, as its NEW event carries it. */
    static ConntrackEntry udpEventNew() {
        return ConntrackEntry.builder(Tuple.udp(ip("192.0.2.50"), ip("198.51.100.50"), 1, 2))
                .timeout(30).zone(4).mark(9).id(317097844L).status(StatusFlag.CONFIRMED).build();
    }

    /** Its DESTROY event, 0 s later, with accounting and timestamps (Mon Nov 30 04:21:52 2026). */
    static ConntrackEntry udpEventDestroy() {
        Instant t = Instant.ofEpochSecond(1_796_012_512L, 5_000);
        return udpEventNew().toBuilder().timeout(29).counters(new Counters(0, 0), new Counters(0, 0))
                .timestamps(t, t.plusMillis(20)).build();
    }
}
