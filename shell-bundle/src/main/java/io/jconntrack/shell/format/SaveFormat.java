package io.jconntrack.shell.format;

import io.jconntrack.api.AddressText;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.api.Tuple;
import io.jconntrack.api.ZoneDirection;
import java.nio.ByteOrder;

/**
 * An entry as a {@code conntrack} command line, as conntrack-tools 1.4.7 writes it with {@code -o save}
 * ({@code ct_save_snprintf} in {@code src/conntrack.c}), so that {@code conntrack -R} (and
 * {@code conntrack:restore}) create it again: {@code -t}, {@code -u}, the zone, both tuples by their addresses
 * ({@code -g}/{@code -n} instead of {@code -r}/{@code -q} for a translated address), {@code -p} and the
 * protocol's own options.
 *
 * <p>What the tool leaves out is left out here too, so that the lines are the same: the mark, the labels, the
 * counters and the status bits other than {@code EXPECTED}, {@code SEEN_REPLY}, {@code ASSURED} and
 * {@code FIXED_TIMEOUT}. Those are lost on a save and restore, as with the tool.
 */
public final class SaveFormat {
    /** The command of {@code conntrack -L -o save} lines (and of {@code -G}, {@code -U} and NEW events). */
    public static final String ADD = "-A";
    /** The command of {@code conntrack -D -o save} lines (and of DESTROY events). */
    public static final String DELETE = "-D";
    /** The command of UPDATE events in {@code conntrack -E -o save}. */
    public static final String UPDATE = "-U";
    /** The command that creates and fails on an existing entry; what restore files are often edited to. */
    public static final String CREATE = "-I";

    /** The status bits the tool names in {@code -u} ({@code conntrack_status_map}), in bit order. */
    private static final StatusFlag[] SAVED_STATUS = {
        StatusFlag.EXPECTED, StatusFlag.SEEN_REPLY, StatusFlag.ASSURED, StatusFlag.FIXED_TIMEOUT};
    /** {@code -u} when none of those is set. */
    private static final String NO_STATUS = "UNSET";

    private SaveFormat() {
    }

    /**
     * The save line of an entry.
     *
     * @param command the command the line starts with ({@link #ADD}, {@link #DELETE}, ...), or null or empty for
     *                none
     */
    public static String line(String command, ConntrackEntry e) {
        StringBuilder s = new StringBuilder(200);
        if (command != null && !command.isEmpty()) {
            s.append(command).append(' ');
        }
        if (e.timeout() != ConntrackEntry.NO_TIMEOUT) {
            option(s, "-t", Long.toUnsignedString(e.timeout()));
        }
        option(s, "-u", status(e));
        if (e.secmark() != 0) {
            option(s, "-c", Long.toString(e.secmark()));
        }
        zone(s, e);
        Tuple o = e.original();
        Tuple r = e.reply();
        option(s, "-s", AddressText.of(o.source()));
        option(s, "-d", AddressText.of(o.destination()));
        // The tool writes a translated reply address with the NAT option that translates it on creation.
        boolean dnat = e.hasStatus(StatusFlag.DST_NAT_DONE) && !r.source().equals(o.destination());
        boolean snat = e.hasStatus(StatusFlag.SRC_NAT_DONE) && !r.destination().equals(o.source());
        option(s, dnat ? "-g" : "-r", AddressText.of(r.source()));
        option(s, snat ? "-n" : "-q", AddressText.of(r.destination()));
        protocol(s, e);
        // The tool drops every trailing space.
        while (s.length() > 0 && s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }

    private static String status(ConntrackEntry e) {
        StringBuilder names = new StringBuilder();
        for (StatusFlag f : SAVED_STATUS) {
            if (e.hasStatus(f)) {
                names.append(names.length() == 0 ? "" : ",").append(f.name());
            }
        }
        return names.length() == 0 ? NO_STATUS : names.toString();
    }

    /** {@code -w} for a zone of both directions, else the option of the one direction it applies to. */
    private static void zone(StringBuilder s, ConntrackEntry e) {
        if (e.zone() == 0) {
            return;
        }
        String option = e.zoneDirection() == ZoneDirection.ORIGINAL ? "--orig-zone"
                : e.zoneDirection() == ZoneDirection.REPLY ? "--reply-zone" : "-w";
        option(s, option, Integer.toString(e.zone()));
    }

    /** {@code -p} with the tool's name and its options, or the number for protocols it has no extension for. */
    private static void protocol(StringBuilder s, ConntrackEntry e) {
        Protocol p = e.protocol();
        Tuple o = e.original();
        Tuple r = e.reply();
        if (p.isIcmp()) {
            String prefix = p.equals(Protocol.ICMP) ? "--icmp-" : "--icmpv6-";
            option(s, "-p", p.name());
            option(s, prefix + "type", Integer.toString(o.icmpType()));
            option(s, prefix + "code", Integer.toString(o.icmpCode()));
            option(s, prefix + "id", Integer.toString(o.icmpId()));
        } else if (p.equals(Protocol.GRE)) {
            option(s, "-p", p.name());
            option(s, "--srckey", Integer.toString(o.sourcePort()));
            option(s, "--dstkey", Integer.toString(o.destinationPort()));
            option(s, "--reply-key-src", Integer.toString(r.sourcePort()));
            option(s, "--reply-key-dst", Integer.toString(r.destinationPort()));
        } else if (p.hasPorts()) {
            option(s, "-p", p.name());
            // A kernel without a DCCP tracker keeps DCCP entries as generic ones: no ports and no state are sent,
            // and the tool writes none; with a tracker the state is always sent.
            boolean portsSent = !p.equals(Protocol.DCCP) || e.dccpState() != null;
            if (portsSent) {
                option(s, "--sport", Integer.toString(o.sourcePort()));
                option(s, "--dport", Integer.toString(o.destinationPort()));
                option(s, "--reply-port-src", Integer.toString(r.sourcePort()));
                option(s, "--reply-port-dst", Integer.toString(r.destinationPort()));
            }
            states(s, e);
        } else {
            option(s, "-p", Integer.toString(p.number()));
        }
    }

    private static void states(StringBuilder s, ConntrackEntry e) {
        if (e.tcpState() != null) {
            option(s, "--state", e.tcpState().name());
        }
        if (e.sctpState() != null) {
            option(s, "--state", sctpStateName(e.sctpState()));
            option(s, "--orig-vtag", Long.toString(toolVtag(e.sctpOriginalVtag(), ByteOrder.nativeOrder())));
            option(s, "--reply-vtag", Long.toString(toolVtag(e.sctpReplyVtag(), ByteOrder.nativeOrder())));
        }
        if (e.dccpState() != null) {
            // The tool also writes --role (CTA_PROTOINFO_DCCP_ROLE), which the entry model does not carry.
            option(s, "--state", e.dccpState().name());
        }
    }

    /**
     * A verification tag as the tool writes and reads it. The kernel's tag is big-endian on the wire (and in the
     * entry); libnetfilter_conntrack already converts it to host order when parsing and the tool converts it once
     * more ({@code ntohl}) when printing and ({@code htonl}) when parsing {@code --orig-vtag}. On a little-endian
     * host the tool's number is therefore the tag with its bytes reversed: {@code --orig-vtag 17} is the tag
     * {@code 0x11000000}. Its save and restore agree with each other, so lines must use its numbers.
     */
    public static long toolVtag(long vtag, ByteOrder host) {
        return host == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes((int) vtag) & 0xFFFF_FFFFL : vtag;
    }

    /**
     * The tool's SCTP state names stop at SHUTDOWN_ACK_SENT; for the heartbeat states it hands glibc's printf a
     * null string, which prints {@code (null)}.
     */
    static String sctpStateName(SctpState state) {
        return state.compareTo(SctpState.SHUTDOWN_ACK_SENT) > 0 ? "(null)" : state.name();
    }

    private static void option(StringBuilder s, String name, String value) {
        s.append(name).append(' ').append(value).append(' ');
    }
}
