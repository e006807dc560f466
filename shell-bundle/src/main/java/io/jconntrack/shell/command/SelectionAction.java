package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.shell.completer.ProtocolCompleter;
import io.jconntrack.shell.completer.StatusCompleter;
import io.jconntrack.shell.completer.TcpStateCompleter;
import io.jconntrack.shell.options.SelectionSpec;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** The selection options of list, count and delete, named as {@code conntrack}'s. Values are parsed in {@link #filter}. */
public abstract class SelectionAction extends ConntrackAction {


    @Option(name = "-w", aliases = "--zone", description = "Conntrack zone 0..65535")
    String zone;

    @Option(name = "-p", aliases = "--proto", description = "Protocol: tcp, udp, icmp, icmpv6, sctp, dccp, udplite, "
            + "gre or a number 0..255")
    @Completion(ProtocolCompleter.class)
    String proto;

    @Option(name = "-f", aliases = "--family", description = "Address family: ipv4 or ipv6")
    @Completion(value = StringsCompleter.class, values = {"ipv4", "ipv6"})
    String family;

    @Option(name = "-s", aliases = "--src", description = "Original source address or prefix ADDR[/LEN]")
    String src;

    @Option(name = "-d", aliases = "--dst", description = "Original destination address or prefix ADDR[/LEN]")
    String dst;

    @Option(name = "--sport", description = "Original source port (needs -p)")
    String sport;

    @Option(name = "--dport", description = "Original destination port (needs -p)")
    String dport;

    @Option(name = "-m", aliases = "--mark", description = "Mark MARK[/MASK], decimal or 0x hex")
    String mark;

    @Option(name = "--state", description = "TCP state, e.g. ESTABLISHED")
    @Completion(TcpStateCompleter.class)
    String state;

    @Option(name = "-u", aliases = "--status", description = "Status flags that must all be set, e.g. ASSURED,SEEN_REPLY")
    @Completion(StatusCompleter.class)
    String status;

    SelectionSpec selection() {
        SelectionSpec s = new SelectionSpec();
        s.zone = zone;
        s.proto = proto;
        s.family = family;
        s.src = src;
        s.dst = dst;
        s.sport = sport;
        s.dport = dport;
        s.mark = mark;
        s.state = state;
        s.status = status;
        return s;
    }

    ConntrackFilter filter() {
        return selection().toFilter();
    }
}
