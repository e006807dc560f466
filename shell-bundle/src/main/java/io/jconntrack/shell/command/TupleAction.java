package io.jconntrack.shell.command;

import io.jconntrack.api.Tuple;
import io.jconntrack.shell.completer.ProtocolCompleter;
import io.jconntrack.shell.options.OptionValues;
import io.jconntrack.shell.options.TupleSpec;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;

/** The options naming one entry (original tuple, zone, namespace), for get, create and update. */
public abstract class TupleAction extends ConntrackAction {


    @Option(name = "-w", aliases = "--zone", description = "Conntrack zone 0..65535 (default 0)")
    String zone;

    @Option(name = "-s", aliases = "--src", description = "Original source address", required = true)
    String src;

    @Option(name = "-d", aliases = "--dst", description = "Original destination address", required = true)
    String dst;

    @Option(name = "-p", aliases = "--proto", description = "Protocol: tcp, udp, icmp, icmpv6, sctp, dccp, udplite, "
            + "gre or a number", required = true)
    @Completion(ProtocolCompleter.class)
    String proto;

    @Option(name = "--sport", description = "Original source port (GRE: source key)")
    String sport;

    @Option(name = "--dport", description = "Original destination port (GRE: destination key)")
    String dport;

    @Option(name = "--icmp-type", description = "ICMP/ICMPv6 type")
    String icmpType;

    @Option(name = "--icmp-code", description = "ICMP/ICMPv6 code (default 0)")
    String icmpCode;

    @Option(name = "--icmp-id", description = "ICMP/ICMPv6 id (default 0)")
    String icmpId;

    Tuple tuple() {
        TupleSpec t = new TupleSpec();
        t.src = src;
        t.dst = dst;
        t.proto = proto;
        t.sport = sport;
        t.dport = dport;
        t.icmpType = icmpType;
        t.icmpCode = icmpCode;
        t.icmpId = icmpId;
        return t.toTuple();
    }

    int zoneOrDefault() {
        return zone == null ? 0 : OptionValues.zone("--zone", zone);
    }
}
