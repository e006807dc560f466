package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.DccpState;
import io.jconntrack.api.NatTarget;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SctpState;
import java.net.InetAddress;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The selection of list, delete, update and events, as the tool's {@code nfct_filter}: original and reply tuple
 * fields, prefixes and netmasks, NAT, mark with mask, status, zones, labels, secmark. For update, mark and status
 * are the change, not the selection ({@code mnl_nfct_update_cb}).
 */
final class SelectionBuilder {
    private final ToolRequest r;
    private final ToolArgs a;
    private final ConntrackFilter.Builder b = ConntrackFilter.builder();
    private Predicate<ConntrackEntry> extra;

    private SelectionBuilder(ToolRequest r) {
        this.r = r;
        this.a = r.args();
    }

    static Selection build(ToolRequest r) {
        return new SelectionBuilder(r).run();
    }

    private Selection run() {
        boolean update = r.command() == ToolCommand.UPDATE;
        b.family(r.family()).protocol(r.protocol());
        address(SRC, MASK_SRC, true);
        address(DST, MASK_DST, false);
        if (a.has(REPLY_SRC)) {
            b.replySource(ToolValues.address("--reply-src", a.get(REPLY_SRC), false));
        }
        if (a.has(REPLY_DST)) {
            b.replyDestination(ToolValues.address("--reply-dst", a.get(REPLY_DST), false));
        }
        ports();
        icmp();
        state();
        if (a.has(MARK) && !update) {
            long[] m = ToolValues.mark("--mark", a.get(MARK));
            b.mark(m[0] & m[1], m[1]);
            if ((m[0] & ~m[1]) != 0) {
                // The tool compares (mark & mask) with the value unmasked: bits outside the mask never match.
                and(e -> false);
            }
        }
        if (a.has(STATUS) && !update) {
            ToolValues.Status s = ToolValues.status("--status", a.get(STATUS));
            b.status(s.set());
            if (!s.clear().isEmpty()) {
                and(e -> s.clear().stream().noneMatch(e::hasStatus));
            }
        }
        if (a.has(ZONE)) {
            // The tool compares -w with CTA_ZONE, which the kernel reports only for a zone of both directions: an
            // entry zoned in one direction is in zone 0 for -w. That is the filter's shared zone, which the service
            // narrows in the kernel and deletes with one flush where it can.
            b.sharedZone(ToolValues.zone("--zone", a.get(ZONE)));
        }
        if (a.has(ORIG_ZONE)) {
            b.originalZone(ToolValues.zone("--orig-zone", a.get(ORIG_ZONE)));
        }
        if (a.has(REPLY_ZONE)) {
            b.replyZone(ToolValues.zone("--reply-zone", a.get(REPLY_ZONE)));
        }
        nat();
        if (a.has(LABEL)) {
            Set<Integer> want = new java.util.TreeSet<>();
            for (String l : a.labels(LABEL)) {
                want.addAll(LabelBits.parse("--label", l));
            }
            b.labels(want);
        }
        if (a.has(SECMARK)) {
            long secmark = CNumbers.range("--secmark", a.get(SECMARK), 0, ToolValues.MAX_U32);
            b.secmark(secmark);
        }
        try {
            return new Selection(b.build(), extra);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("selection: " + e.getMessage(), e);
        }
    }

    private void and(Predicate<ConntrackEntry> p) {
        extra = extra == null ? p : extra.and(p);
    }

    /** {@code -s ADDR[/LEN]}, with {@code --mask-src MASK} applied as the tool does (address & mask). */
    private void address(ToolOption option, ToolOption maskOption, boolean source) {
        if (!a.has(option)) {
            return;
        }
        Cidr c = ToolValues.address(option.display(), a.get(option), true);
        if (a.has(maskOption)) {
            InetAddress mask = ToolValues.plainAddress(maskOption.display(), a.get(maskOption));
            int len = ToolValues.prefixLength(mask);
            if (len < 0) {
                byte[] m = mask.getAddress();
                byte[] net = c.address().getAddress();
                and(e -> masked(source ? e.original().source() : e.original().destination(), m, net));
                return;
            }
            c = new Cidr(c.address(), Math.min(len, c.prefixLength()));
        }
        if (source) {
            b.source(c);
        } else {
            b.destination(c);
        }
    }

    private static boolean masked(InetAddress a, byte[] mask, byte[] network) {
        byte[] x = a.getAddress();
        if (x.length != mask.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if ((x[i] & mask[i]) != (network[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }

    private void ports() {
        if (a.has(SPORT)) {
            b.sourcePort(ToolValues.port("--sport", a.get(SPORT)));
        }
        if (a.has(DPORT)) {
            b.destinationPort(ToolValues.port("--dport", a.get(DPORT)));
        }
        if (a.has(REPLY_PORT_SRC)) {
            b.replySourcePort(ToolValues.port("--reply-port-src", a.get(REPLY_PORT_SRC)));
        }
        if (a.has(REPLY_PORT_DST)) {
            b.replyDestinationPort(ToolValues.port("--reply-port-dst", a.get(REPLY_PORT_DST)));
        }
        gre(GRE_SRC_KEY, true, false);
        gre(GRE_DST_KEY, false, false);
        gre(GRE_REPLY_SRC_KEY, true, true);
        gre(GRE_REPLY_DST_KEY, false, true);
    }

    /** GRE keys travel in the tuple's port fields; ConntrackFilter's ports are for protocols with ports. */
    private void gre(ToolOption o, boolean src, boolean reply) {
        if (a.has(o)) {
            int key = ToolValues.port(o.display(), a.get(o));
            and(e -> {
                io.jconntrack.api.Tuple t = reply ? e.reply() : e.original();
                return (src ? t.sourcePort() : t.destinationPort()) == key;
            });
        }
    }

    private void icmp() {
        ToolOption[] opts = r.protocol() != null && r.protocol().equals(Protocol.ICMPV6)
                ? new ToolOption[] {ICMPV6_TYPE, ICMPV6_CODE, ICMPV6_ID} : new ToolOption[] {ICMP_TYPE, ICMP_CODE,
                    ICMP_ID};
        if (a.has(opts[0])) {
            int type = (int) CNumbers.range(opts[0].display(), a.get(opts[0]), 0, ToolValues.MAX_U8);
            and(e -> e.original().icmpType() == type);
        }
        if (a.has(opts[1])) {
            int code = (int) CNumbers.range(opts[1].display(), a.get(opts[1]), 0, ToolValues.MAX_U8);
            and(e -> e.original().icmpCode() == code);
        }
        if (a.has(opts[2])) {
            int id = (int) CNumbers.range(opts[2].display(), a.get(opts[2]), 0, ToolValues.MAX_U16);
            and(e -> e.original().icmpId() == id);
        }
    }

    private void state() {
        if (!a.has(STATE)) {
            return;
        }
        String s = a.get(STATE);
        Protocol p = r.protocol();
        if (p.equals(Protocol.TCP)) {
            b.tcpState(EntryBuilder.tcpState(s));
        } else if (p.equals(Protocol.SCTP)) {
            SctpState st = EntryBuilder.sctpState(s);
            and(e -> e.sctpState() == st);
        } else {
            DccpState st = EntryBuilder.dccpState(s);
            and(e -> e.dccpState() == st);
        }
    }

    private void nat() {
        if (a.has(SRC_NAT)) {
            b.sourceNat(natOrAny("--src-nat", a.get(SRC_NAT)));
        }
        if (a.has(DST_NAT)) {
            b.destinationNat(natOrAny("--dst-nat", a.get(DST_NAT)));
        }
        if (a.has(ANY_NAT)) {
            b.anyNat(natOrAny("--any-nat", a.get(ANY_NAT)));
        }
    }

    private static NatTarget natOrAny(String option, String text) {
        if (text == null) {
            return NatTarget.ANY;
        }
        NatTarget t = ToolValues.nat(option, text);
        // The tool's filter_nat compares only IPv4 NAT addresses (ATTR_SNAT_IPV4/ATTR_DNAT_IPV4): an IPv6 address
        // selects like no address at all, its port still counts. Mirrored, so that listings agree with the tool.
        return t.address() instanceof java.net.Inet6Address ? new NatTarget(null, t.port()) : t;
    }
}
