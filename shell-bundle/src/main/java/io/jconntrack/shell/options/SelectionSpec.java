package io.jconntrack.shell.options;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.TcpState;

/**
 * The selection options shared by list, count and delete, as given on the command line (strings, {@code null} when
 * absent), turned into a {@link ConntrackFilter}. Every check names the option; nothing here talks to the kernel.
 */
public final class SelectionSpec {
    public String zone;
    public String proto;
    public String family;
    public String src;
    public String dst;
    public String sport;
    public String dport;
    public String mark;
    public String state;
    public String status;

    /** True when at least one selection option was given. */
    public boolean isGiven() {
        return zone != null || proto != null || family != null || src != null || dst != null || sport != null
                || dport != null || mark != null || state != null || status != null;
    }

    public ConntrackFilter toFilter() {
        ConntrackFilter.Builder b = ConntrackFilter.builder();
        Protocol p = proto == null ? null : OptionValues.protocol("--proto", proto);
        AddressFamily f = family == null ? null : OptionValues.family("--family", family);
        if (zone != null) {
            b.zone(OptionValues.zone("--zone", zone));
        }
        if (mark != null) {
            long[] m = OptionValues.mark("--mark", mark);
            b.mark(m[0], m[1]);
        }
        Cidr s = src == null ? null : OptionValues.cidr("--src", src);
        Cidr d = dst == null ? null : OptionValues.cidr("--dst", dst);
        checkFamily("--src", src, s, f);
        checkFamily("--dst", dst, d, f);
        if (s != null && d != null && s.family() != d.family()) {
            throw new IllegalArgumentException("--dst: '" + dst + "' is not of the same family as --src '" + src
                    + "'");
        }
        AddressFamily effective = f != null ? f : s != null ? s.family() : d != null ? d.family() : null;
        if (p != null && effective != null) {
            if (p.equals(Protocol.ICMP) && effective == AddressFamily.IPV6) {
                throw new IllegalArgumentException("--proto: 'icmp' does not apply to ipv6 (use icmpv6)");
            }
            if (p.equals(Protocol.ICMPV6) && effective == AddressFamily.IPV4) {
                throw new IllegalArgumentException("--proto: 'icmpv6' does not apply to ipv4 (use icmp)");
            }
        }
        for (String[] port : new String[][] {{"--sport", sport}, {"--dport", dport}}) {
            if (port[1] == null) {
                continue;
            }
            if (p == null) {
                throw new IllegalArgumentException(port[0] + ": '" + port[1]
                        + "' needs -p/--proto with ports (tcp, udp, udplite, sctp, dccp)");
            }
            if (!p.hasPorts()) {
                throw new IllegalArgumentException(port[0] + ": '" + port[1] + "' does not apply to --proto " + p);
            }
        }
        if (sport != null) {
            b.sourcePort(OptionValues.port("--sport", sport));
        }
        if (dport != null) {
            b.destinationPort(OptionValues.port("--dport", dport));
        }
        if (state != null) {
            TcpState t = OptionValues.tcpState("--state", state);
            if (p != null && !p.equals(Protocol.TCP)) {
                throw new IllegalArgumentException("--state: '" + state + "' is a TCP state; it does not apply to "
                        + "--proto " + p);
            }
            b.tcpState(t);
        }
        if (status != null) {
            b.status(OptionValues.status("--status", status));
        }
        try {
            return b.family(f).protocol(p).source(s).destination(d).build();
        } catch (IllegalArgumentException e) {
            // Checked above; kept so that a rule added to the API later still ends as one line.
            throw new IllegalArgumentException("selection: " + e.getMessage(), e);
        }
    }

    private static void checkFamily(String option, String text, Cidr c, AddressFamily f) {
        if (c != null && f != null && c.family() != f) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not of --family " + f.label());
        }
    }
}
