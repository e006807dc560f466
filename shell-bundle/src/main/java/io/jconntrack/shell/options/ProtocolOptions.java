package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.Protocol;
import java.util.EnumSet;
import java.util.Set;

/**
 * The options each protocol extension of the tool adds ({@code extensions/libct_proto_*.c} in 1.4.7) and their rule
 * per command, with the same digits as {@link ToolCommand}.
 */
final class ProtocolOptions {
    private static final Set<ToolOption> PORTS = EnumSet.of(SPORT, DPORT, REPLY_PORT_SRC, REPLY_PORT_DST,
            MASK_PORT_SRC, MASK_PORT_DST, TUPLE_PORT_SRC, TUPLE_PORT_DST);
    private static final Set<ToolOption> ICMP = EnumSet.of(ICMP_TYPE, ICMP_CODE, ICMP_ID);
    private static final Set<ToolOption> ICMPV6 = EnumSet.of(ICMPV6_TYPE, ICMPV6_CODE, ICMPV6_ID);
    private static final Set<ToolOption> GRE = EnumSet.of(GRE_SRC_KEY, GRE_DST_KEY, GRE_REPLY_SRC_KEY,
            GRE_REPLY_DST_KEY);

    private ProtocolOptions() {
    }

    /** The options -p adds for this protocol (none for protocols the tool tracks by addresses only). */
    static Set<ToolOption> of(Protocol p) {
        Set<ToolOption> s = EnumSet.noneOf(ToolOption.class);
        switch (p.number()) {
            case 6: // tcp
                s.addAll(PORTS);
                s.add(STATE);
                break;
            case 17: // udp
            case 136: // udplite
                s.addAll(PORTS);
                break;
            case 132: // sctp
                s.addAll(PORTS);
                s.addAll(EnumSet.of(STATE, ORIG_VTAG, REPLY_VTAG));
                break;
            case 33: // dccp
                s.addAll(PORTS);
                s.addAll(EnumSet.of(STATE, ROLE));
                break;
            case 1:
                s.addAll(ICMP);
                break;
            case 58:
                s.addAll(ICMPV6);
                break;
            case 47:
                s.addAll(GRE);
                break;
            default:
                break;
        }
        return s;
    }

    /**
     * The expectation columns of {@code libct_proto_tcp.c} and its siblings: create takes the master's ports
     * ({@code --sport}, {@code --dport}) and the expected tuple's and mask's, all compulsory; get and delete take
     * the expected tuple's ports as {@code --sport}/{@code --dport}. The tool also demands {@code --reply-port-src}
     * and {@code --reply-port-dst} for get and delete, which it then ignores; here they are optional.
     */
    private static int expectationRule(ToolCommand c, ToolOption o) {
        switch (c) {
            case EXP_CREATE:
                return o == SPORT || o == DPORT || o == MASK_PORT_SRC || o == MASK_PORT_DST || o == TUPLE_PORT_SRC
                        || o == TUPLE_PORT_DST ? 1 : 0;
            case EXP_DELETE:
            case EXP_GET:
                return o == SPORT || o == DPORT ? 1 : o == REPLY_PORT_SRC || o == REPLY_PORT_DST ? 2 : 0;
            default:
                return 0;
        }
    }

    /** 0 illegal, 1 compulsory, 2 optional, 3 one of the port pairs. */
    static int rule(ToolCommand c, ToolOption o) {
        if (c == ToolCommand.FLUSH || c == ToolCommand.CONSOLE_FLUSH) {
            return 0;
        }
        if (c.isExpectation()) {
            return expectationRule(c, o);
        }
        if (o == MASK_PORT_SRC || o == MASK_PORT_DST || o == TUPLE_PORT_SRC || o == TUPLE_PORT_DST) {
            return 0;
        }
        boolean creates = c == ToolCommand.CREATE || c == ToolCommand.ADD;
        switch (o) {
            case SPORT:
            case DPORT:
            case REPLY_PORT_SRC:
            case REPLY_PORT_DST:
                return creates || c == ToolCommand.GET ? 3 : 2;
            case STATE:
                return creates ? 1 : 2;
            case ORIG_VTAG:
            case REPLY_VTAG:
                return creates ? 1 : c == ToolCommand.UPDATE || c == ToolCommand.GET ? 2 : 0;
            case ROLE:
                return creates ? 1 : 0;
            case ICMP_TYPE:
            case ICMP_CODE:
            case ICMPV6_TYPE:
            case ICMPV6_CODE:
                return creates || c == ToolCommand.GET ? 1 : 2;
            default:
                return 2;
        }
    }
}
