package io.jconntrack.shell.options;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;

/**
 * The original-tuple options of get, create and update: {@code -s -d -p --sport --dport --icmp-type --icmp-code
 * --icmp-id}. As {@code conntrack -I/-G/-U}, addresses and protocol are required, ports for protocols with ports,
 * the type for ICMP.
 */
public final class TupleSpec {
    public String src;
    public String dst;
    public String proto;
    public String sport;
    public String dport;
    public String icmpType;
    public String icmpCode;
    public String icmpId;

    public Tuple toTuple() {
        InetAddress s = OptionValues.address("--src", required("-s/--src", src));
        InetAddress d = OptionValues.address("--dst", required("-d/--dst", dst));
        Protocol p = OptionValues.protocol("--proto", required("-p/--proto", proto));
        if (AddressFamily.of(s) != AddressFamily.of(d)) {
            throw new IllegalArgumentException("--dst: '" + dst + "' is not of the same family as --src '" + src
                    + "'");
        }
        AddressFamily f = AddressFamily.of(s);
        if (p.equals(Protocol.ICMP) && f == AddressFamily.IPV6) {
            throw new IllegalArgumentException("--proto: 'icmp' does not apply to IPv6 addresses (use icmpv6)");
        }
        if (p.equals(Protocol.ICMPV6) && f == AddressFamily.IPV4) {
            throw new IllegalArgumentException("--proto: 'icmpv6' does not apply to IPv4 addresses (use icmp)");
        }
        boolean icmpGiven = icmpType != null || icmpCode != null || icmpId != null;
        if (p.isIcmp()) {
            if (sport != null || dport != null) {
                throw new IllegalArgumentException((sport != null ? "--sport" : "--dport")
                        + ": ports do not apply to --proto " + p + " (use --icmp-type/--icmp-code/--icmp-id)");
            }
            int type = (int) OptionValues.number("--icmp-type", required("--icmp-type", icmpType), 0, 255);
            int code = icmpCode == null ? 0 : (int) OptionValues.number("--icmp-code", icmpCode, 0, 255);
            int id = icmpId == null ? 0 : (int) OptionValues.number("--icmp-id", icmpId, 0, OptionValues.MAX_U16);
            try {
                return new Tuple(s, d, p, 0, 0, type, code, id);
            } catch (IllegalArgumentException e) {
                throw OptionValues.renamed("--icmp-type", e);
            }
        }
        if (icmpGiven) {
            throw new IllegalArgumentException("--icmp-type/--icmp-code/--icmp-id: do not apply to --proto " + p);
        }
        if (p.hasPorts()) {
            int sp = OptionValues.port("--sport", required("--sport", sport));
            int dp = OptionValues.port("--dport", required("--dport", dport));
            return Tuple.of(p, s, d, sp, dp);
        }
        if (p.equals(Protocol.GRE)) {
            // conntrack spells them --srckey/--dstkey; here the port options carry the keys, as the tuple does.
            int sk = sport == null ? 0 : (int) OptionValues.decimalOrHex("--sport", sport, OptionValues.MAX_U16);
            int dk = dport == null ? 0 : (int) OptionValues.decimalOrHex("--dport", dport, OptionValues.MAX_U16);
            return Tuple.of(p, s, d, sk, dk);
        }
        if (sport != null || dport != null) {
            throw new IllegalArgumentException((sport != null ? "--sport" : "--dport")
                    + ": ports do not apply to --proto " + p);
        }
        return Tuple.addressesOnly(p, s, d);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + ": is required");
        }
        return value;
    }
}
