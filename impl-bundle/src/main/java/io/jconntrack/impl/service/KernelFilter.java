package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.Cidr;
import io.jconntrack.api.Limits;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.StatusFlag;
import io.jconntrack.impl.ctnetlink.NfnetlinkConstants;
import io.jconntrack.impl.ctnetlink.Selection;

/**
 * The policy of what a request sends: the part of a {@link ConntrackFilter} the running kernel applies, as the
 * {@link Selection} of a dump or a flush request. {@link #complete()} tells whether the kernel applies the whole
 * filter, which a flush requires.
 */
public final class KernelFilter {
    private final ConntrackFilter filter;
    private final boolean family;
    private final boolean mark;
    private final boolean status;
    private final boolean zone;
    private final boolean sharedZone;
    private final int originalFlags;
    private final int replyFlags;
    private final boolean complete;
    // set while the constructor works out the tuple flags
    private boolean tupleOk;
    private boolean kernelAddresses;
    private boolean tupleDone = true;

    private KernelFilter(ConntrackFilter f, KernelFeatures k, boolean forFlush) {
        this(f, k, forFlush, false);
    }

    /**
     * @param sharedZoneChecked the caller found no entry zoned in one direction in the filter's zone, so that the
     *     kernel's zone match (either direction) selects exactly the shared zone
     */
    private KernelFilter(ConntrackFilter f, KernelFeatures k, boolean forFlush, boolean sharedZoneChecked) {
        this.filter = f;
        // "Sent" and "applied" differ for dumps: an attribute an older kernel ignores may be sent (the dump is
        // rechecked in Java), but only attributes the kernel applies make the filter complete, and only a complete
        // filter lets a count trust the kernel (NLM_F_DUMP_FILTERED is set for any filter at all).
        boolean done = true;
        family = f.family() != null && (forFlush ? k.flushFamily() : k.dumpFilters());
        done &= f.family() == null || family;
        // Kernels 5.8-5.11 compared the mark without the mask: a partial mask would drop matching entries.
        boolean markOk = f.mark() != null && (f.markMask() == Limits.MAX_MARK || k.maskedMark());
        mark = markOk && (forFlush ? k.flushMark() : k.dumpFilters());
        done &= f.mark() == null || mark;
        status = !f.status().isEmpty() && (forFlush ? k.flushStatus() : k.dumpFilters());
        done &= f.status().isEmpty() || (status && k.flushStatus()); // dump status filter came with 5.15 as well
        zone = f.zone() != null && (forFlush ? k.flushZone() : k.dumpFilters());
        done &= f.zone() == null || (zone && k.flushZone()); // top-level CTA_ZONE, zone 0 included: 6.8
        // The kernel's CTA_ZONE matches the zone id in either direction: a superset of a shared zone other than 0,
        // so it may narrow a dump (rechecked in Java), never decide a flush or a count.
        sharedZone = !forFlush && f.zone() == null && f.sharedZone() != null && f.sharedZone() != 0
                && k.dumpFilters();
        done &= f.sharedZone() == null || sharedZoneChecked && zone && f.sharedZone().equals(f.zone());

        // The kernel refuses (EOPNOTSUPP) a tuple filter whose request has no family.
        tupleOk = family && (forFlush ? k.flushTuple() : k.dumpTupleFilter());
        // IPv6 addresses stay in Java: ctnetlink_filter_match_tuple() rejects an IPv6 address when it is equal
        // ("!ipv6_addr_cmp", inverted since CTA_FILTER came in 5.8, still so in 6.18), so a kernel-filtered dump or
        // flush would miss exactly the selected entries. IPv4 is right; kernel tests check both against the CLI.
        kernelAddresses = tupleOk && f.family() != io.jconntrack.api.AddressFamily.IPV6;
        int orig = tupleFlags(f.source(), f.destination(), f.sourcePort(), f.destinationPort());
        if (f.protocol() != null) {
            if (tupleOk) {
                orig |= CTA_FILTER_F_CTA_PROTO_NUM;
            } else {
                tupleDone = false;
            }
        }
        int reply = 0;
        if (f.hasReplySelection() && !forFlush) {
            // Reply-tuple fields narrow a dump (rechecked in Java); a flush goes through such a dump instead of
            // trusting the kernel with them, so they never make a filter complete.
            reply = tupleFlags(f.replySource(), f.replyDestination(), f.replySourcePort(),
                    f.replyDestinationPort());
            if (reply != 0 && f.protocol() != null) {
                reply |= CTA_FILTER_F_CTA_PROTO_NUM;
            }
        }
        if (f.tcpState() != null) {
            tupleDone = false; // no kernel filter for protocol state
        }
        // Reply-tuple fields, per-direction zones, NAT, labels and secmark are never applied by the kernel alone.
        if (f.hasReplySelection() || f.originalZone() != null || f.replyZone() != null || f.hasNatSelection()
                || !f.labels().isEmpty() || f.secmark() != null) {
            tupleDone = false;
        }
        this.originalFlags = orig;
        this.replyFlags = reply;
        this.complete = done && tupleDone;
    }

    /**
     * The {@code CTA_FILTER_F_*} flags of one tuple's fields the kernel compares: host IPv4 addresses, and ports of
     * TCP and UDP (the only protocols whose ports the kernel compares). A field it cannot compare makes the filter
     * incomplete.
     */
    private int tupleFlags(Cidr source, Cidr destination, Integer sourcePort, Integer destinationPort) {
        int flags = 0;
        if (source != null) {
            if (kernelAddresses && source.isHost()) {
                flags |= CTA_FILTER_F_CTA_IP_SRC;
            } else {
                tupleDone = false;
            }
        }
        if (destination != null) {
            if (kernelAddresses && destination.isHost()) {
                flags |= CTA_FILTER_F_CTA_IP_DST;
            } else {
                tupleDone = false;
            }
        }
        Protocol p = filter.protocol();
        boolean kernelPorts = tupleOk && p != null && (p.equals(Protocol.TCP) || p.equals(Protocol.UDP));
        if (sourcePort != null) {
            if (kernelPorts) {
                flags |= CTA_FILTER_F_CTA_PROTO_SRC_PORT;
            } else {
                tupleDone = false;
            }
        }
        if (destinationPort != null) {
            if (kernelPorts) {
                flags |= CTA_FILTER_F_CTA_PROTO_DST_PORT;
            } else {
                tupleDone = false;
            }
        }
        return flags;
    }


    public static KernelFilter forDump(ConntrackFilter f, KernelFeatures k) {
        return new KernelFilter(f, k, false);
    }

    public static KernelFilter forFlush(ConntrackFilter f, KernelFeatures k) {
        return new KernelFilter(f, k, true);
    }

    /**
     * A flush of {@code f}, which selects its shared zone also as {@link ConntrackFilter#zone()} (the kernel's
     * CTA_ZONE), when the caller has just seen that no entry of that zone is zoned in one direction only.
     */
    public static KernelFilter forSharedZoneFlush(ConntrackFilter f, KernelFeatures k) {
        return new KernelFilter(f, k, true, true);
    }

    /** True when the kernel applies every field of the filter. */
    public boolean complete() {
        return complete;
    }

    /** The nfgenmsg family to send: the filter's family when the kernel applies it, else AF_UNSPEC. */
    public int family() {
        return family ? filter.family().number() : NfnetlinkConstants.AF_UNSPEC;
    }

    /** The selection to send: the filter's fields the kernel applies (or, for a dump, may ignore harmlessly). */
    public Selection selection() {
        return new Selection(family(), mark ? filter.mark() : null, mark ? filter.markMask() : 0,
                status ? StatusFlag.toBits(filter.status()) : null, zone ? filter.zone() : sharedZone ? filter.sharedZone() : null,
                tuple(originalFlags, filter.source(), filter.destination(), filter.sourcePort(),
                        filter.destinationPort()),
                tuple(replyFlags, filter.replySource(), filter.replyDestination(), filter.replySourcePort(),
                        filter.replyDestinationPort()));
    }

    private Selection.Tuple tuple(int flags, Cidr source, Cidr destination, Integer sourcePort,
                                  Integer destinationPort) {
        if (flags == 0) {
            return Selection.Tuple.NONE;
        }
        return new Selection.Tuple(flags,
                (flags & CTA_FILTER_F_CTA_IP_SRC) != 0 ? source.address() : null,
                (flags & CTA_FILTER_F_CTA_IP_DST) != 0 ? destination.address() : null,
                (flags & CTA_FILTER_F_CTA_PROTO_NUM) != 0 ? filter.protocol().number() : 0,
                (flags & CTA_FILTER_F_CTA_PROTO_SRC_PORT) != 0 ? sourcePort : 0,
                (flags & CTA_FILTER_F_CTA_PROTO_DST_PORT) != 0 ? destinationPort : 0);
    }
}
