package io.jconntrack.shell.command;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.shell.completer.ProtocolCompleter;
import io.jconntrack.shell.completer.StatusCompleter;
import io.jconntrack.shell.completer.TcpStateCompleter;
import io.jconntrack.shell.options.ToolArgs;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolOption;
import io.jconntrack.shell.options.ToolRequest;
import io.jconntrack.shell.options.ToolSyntax;
import io.jconntrack.shell.options.ToolTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * The conntrack tool's table options, with its long and short names, shared by list, count, get, create, add,
 * update, delete and events. Each command's {@link ToolCommand} decides which of them it takes, with the tool's
 * rules and messages ({@link ToolRequest}); restore lines go through the same checks and conversions.
 *
 * <p>{@code --src-nat}, {@code --dst-nat}, {@code --any-nat} and {@code --label-del} take an optional value, which
 * Karaf options cannot: they are flags here, and their value is the word right after them. Karaf stops reading
 * options at the first word that is not one, so the words from there on are read with the tool's own syntax.
 */
public abstract class TableAction extends ConntrackAction {

    @Option(name = "-s", aliases = {"--src", "--orig-src"}, description = "Original source address, ADDR[/LEN]")
    String src;

    @Option(name = "-d", aliases = {"--dst", "--orig-dst"}, description = "Original destination address, "
            + "ADDR[/LEN]")
    String dst;

    @Option(name = "-r", aliases = "--reply-src", description = "Reply source address")
    String replySrc;

    @Option(name = "-q", aliases = "--reply-dst", description = "Reply destination address")
    String replyDst;

    @Option(name = "-p", aliases = {"--proto", "--protonum"}, description = "Protocol: a name (tcp, udp, icmp, "
            + "... or from /etc/protocols) or a number 0..255")
    @Completion(ProtocolCompleter.class)
    String proto;

    @Option(name = "--sport", aliases = "--orig-port-src", description = "Original source port")
    String sport;

    @Option(name = "--dport", aliases = "--orig-port-dst", description = "Original destination port")
    String dport;

    @Option(name = "--reply-port-src", description = "Reply source port")
    String replyPortSrc;

    @Option(name = "--reply-port-dst", description = "Reply destination port")
    String replyPortDst;

    @Option(name = "--state", description = "TCP, SCTP or DCCP state, e.g. ESTABLISHED")
    @Completion(TcpStateCompleter.class)
    String state;

    @Option(name = "--icmp-type", description = "ICMP type")
    String icmpType;

    @Option(name = "--icmp-code", description = "ICMP code")
    String icmpCode;

    @Option(name = "--icmp-id", description = "ICMP id")
    String icmpId;

    @Option(name = "--icmpv6-type", description = "ICMPv6 type")
    String icmpv6Type;

    @Option(name = "--icmpv6-code", description = "ICMPv6 code")
    String icmpv6Code;

    @Option(name = "--icmpv6-id", description = "ICMPv6 id")
    String icmpv6Id;

    @Option(name = "--srckey", aliases = "--orig-key-src", description = "GRE original source key")
    String greSrcKey;

    @Option(name = "--dstkey", aliases = "--orig-key-dst", description = "GRE original destination key")
    String greDstKey;

    @Option(name = "-w", aliases = "--zone", description = "Zone 0..65535")
    String zone;

    @Option(name = "--orig-zone", description = "Zone of the original direction")
    String origZone;

    @Option(name = "--reply-zone", description = "Zone of the reply direction")
    String replyZone;

    @Option(name = "-m", aliases = "--mark", description = "Mark MARK[/MASK], decimal or 0x hex")
    String mark;

    @Option(name = "-u", aliases = "--status", description = "Status flags, e.g. ASSURED,SEEN_REPLY")
    @Completion(StatusCompleter.class)
    String status;

    @Option(name = "-f", aliases = "--family", description = "Address family: ipv4 or ipv6")
    @Completion(value = StringsCompleter.class, values = {"ipv4", "ipv6"})
    String family;

    @Option(name = "--mask-src", description = "Netmask applied to --src, e.g. 255.255.255.0")
    String maskSrc;

    @Option(name = "--mask-dst", description = "Netmask applied to --dst")
    String maskDst;

    @Option(name = "--src-nat", description = "Source-NATed entries (optionally to IP[:PORT], [IPV6]:PORT); "
            + "with create, the NAT to set up. Long name only: -n is the namespace")
    boolean srcNat;

    @Option(name = "-g", aliases = "--dst-nat", description = "Destination-NATed entries (optionally IP[:PORT])")
    boolean dstNat;

    @Option(name = "-j", aliases = "--any-nat", description = "Entries with any NAT (optionally IP[:PORT])")
    boolean anyNat;

    @Option(name = "-l", aliases = "--label", description = "Labels that must be set: names from connlabel.conf "
            + "or numbers 0..127, comma-separated", multiValued = true)
    List<String> label;

    @Option(name = "-c", aliases = "--secmark", description = "Security mark")
    String secmark;

    @Argument(name = "more", description = "The table first, as the tool takes it (conntrack, expect, dying, "
            + "unconfirmed; conntrack when left out), then further options in the tool's syntax (also the value of "
            + "--src-nat, --dst-nat, --any-nat or --label-del given just before)", multiValued = true)
    List<String> more;

    /** The command of the tool this console command stands for. */
    abstract ToolCommand toolCommand();

    /** Adds the command's own options (those not every command has). */
    void addOwnOptions(ToolArgs a) {
    }

    /**
     * The table the first word names ({@code conntrack:list expect}), as the tool's first argument; set by
     * {@link #request()}, {@link ToolTable#CONNTRACK} when no word names one.
     */
    ToolTable table = ToolTable.CONNTRACK;

    /** The options given, checked against this command as the tool checks them. */
    ToolRequest request() {
        List<String> words = more == null ? new ArrayList<>() : new ArrayList<>(more);
        if (!words.isEmpty() && ToolTable.of(words.get(0)) != null) {
            table = ToolTable.of(words.remove(0));
        }
        table.requireListing(toolCommand());
        ToolCommand command = table == ToolTable.EXPECT ? toolCommand().onExpectations() : toolCommand();
        if (command == null) {
            throw new IllegalArgumentException("the expect table has no " + toolCommand().name().toLowerCase(
                    java.util.Locale.ROOT) + " command");
        }
        ToolArgs a = new ToolArgs(command);
        a.netns(netns);
        a.putIfGiven(SRC, src).putIfGiven(DST, dst).putIfGiven(REPLY_SRC, replySrc).putIfGiven(REPLY_DST, replyDst)
                .putIfGiven(PROTO, proto).putIfGiven(SPORT, sport).putIfGiven(DPORT, dport)
                .putIfGiven(REPLY_PORT_SRC, replyPortSrc).putIfGiven(REPLY_PORT_DST, replyPortDst)
                .putIfGiven(STATE, state).putIfGiven(ICMP_TYPE, icmpType).putIfGiven(ICMP_CODE, icmpCode)
                .putIfGiven(ICMP_ID, icmpId).putIfGiven(ICMPV6_TYPE, icmpv6Type)
                .putIfGiven(ICMPV6_CODE, icmpv6Code).putIfGiven(ICMPV6_ID, icmpv6Id)
                .putIfGiven(GRE_SRC_KEY, greSrcKey).putIfGiven(GRE_DST_KEY, greDstKey)
                .putIfGiven(ZONE, zone).putIfGiven(ORIG_ZONE, origZone).putIfGiven(REPLY_ZONE, replyZone)
                .putIfGiven(MARK, mark).putIfGiven(STATUS, status).putIfGiven(FAMILY, family)
                .putIfGiven(MASK_SRC, maskSrc).putIfGiven(MASK_DST, maskDst).putIfGiven(SECMARK, secmark);
        if (label != null) {
            for (String l : label) {
                a.put(LABEL, l);
            }
        }
        addOwnOptions(a);
        List<ToolOption> optional = new ArrayList<>();
        flag(a, optional, SRC_NAT, srcNat);
        flag(a, optional, DST_NAT, dstNat);
        flag(a, optional, ANY_NAT, anyNat);
        flag(a, optional, LABEL_DEL, labelDelGiven());
        if (!words.isEmpty() && !words.get(0).startsWith("-") && !optional.isEmpty()) {
            if (optional.size() > 1) {
                throw new IllegalArgumentException("'" + words.get(0) + "': the value of which of "
                        + optional.stream().map(ToolOption::display).toList() + "? Give that option last");
            }
            a.put(optional.get(0), words.remove(0));
        }
        ToolSyntax.parseInto(a, words, ToolSyntax.Mode.CONSOLE);
        netns = a.netns();
        return ToolRequest.of(a);
    }

    /** Whether the flag {@code --label-del} was given (only update has it). */
    boolean labelDelGiven() {
        return false;
    }

    private static void flag(ToolArgs a, List<ToolOption> optional, ToolOption o, boolean given) {
        if (given) {
            a.put(o, null);
            optional.add(o);
        }
    }
}
