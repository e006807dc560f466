package io.jconntrack.shell.options;

import java.util.List;

/**
 * The options of the {@code conntrack} tool (conntrack-tools 1.4.7, {@code original_opts} in {@code conntrack.c} and
 * the protocol extensions) that apply to the conntrack table, with their long names, short letter and argument kind.
 * {@link #column} is the option's column in the tool's command/option table ({@link ToolCommand}); protocol options
 * have none and are checked per protocol ({@link ProtocolOptions}).
 */
public enum ToolOption {
    SRC('s', Arg.REQUIRED, 's', "orig-src", "src"),
    DST('d', Arg.REQUIRED, 'd', "orig-dst", "dst"),
    REPLY_SRC('r', Arg.REQUIRED, 'r', "reply-src"),
    REPLY_DST('q', Arg.REQUIRED, 'q', "reply-dst"),
    PROTO('p', Arg.REQUIRED, 'p', "protonum"),
    TIMEOUT('t', Arg.REQUIRED, 't', "timeout"),
    STATUS('u', Arg.REQUIRED, 'u', "status"),
    ZERO('z', Arg.NONE, 'z', "zero"),
    EVENT_MASK('e', Arg.REQUIRED, 'e', "event-mask"),
    /** The expected tuple of an expectation ({@code -I expect}). */
    TUPLE_SRC(NO_SHORT(), Arg.REQUIRED, '[', "tuple-src"),
    TUPLE_DST(NO_SHORT(), Arg.REQUIRED, ']', "tuple-dst"),
    MASK_SRC(NO_SHORT(), Arg.REQUIRED, '{', "mask-src"),
    MASK_DST(NO_SHORT(), Arg.REQUIRED, '}', "mask-dst"),
    MARK('m', Arg.REQUIRED, 'm', "mark"),
    FAMILY('f', Arg.REQUIRED, 'f', "family"),
    /** {@code -n} in the tool; on console commands {@code -n} is the namespace, so long only there. */
    SRC_NAT('n', Arg.OPTIONAL, 'n', "src-nat"),
    DST_NAT('g', Arg.OPTIONAL, 'g', "dst-nat"),
    OUTPUT('o', Arg.REQUIRED, 'o', "output"),
    SECMARK('c', Arg.REQUIRED, 'c', "secmark"),
    BUFFER_SIZE('b', Arg.REQUIRED, 'b', "buffer-size"),
    ANY_NAT('j', Arg.OPTIONAL, 'j', "any-nat"),
    ZONE('w', Arg.REQUIRED, 'w', "zone"),
    LABEL('l', Arg.REQUIRED, 'l', "label"),
    LABEL_ADD(NO_SHORT(), Arg.REQUIRED, '<', "label-add"),
    LABEL_DEL(NO_SHORT(), Arg.OPTIONAL, '>', "label-del"),
    ORIG_ZONE(NO_SHORT(), Arg.REQUIRED, '(', "orig-zone"),
    REPLY_ZONE(NO_SHORT(), Arg.REQUIRED, ')', "reply-zone"),
    // Protocol extension options (libct_proto_*.c): known to the parser only once -p names their protocol.
    SPORT(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "orig-port-src", "sport"),
    DPORT(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "orig-port-dst", "dport"),
    REPLY_PORT_SRC(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "reply-port-src"),
    REPLY_PORT_DST(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "reply-port-dst"),
    MASK_PORT_SRC(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "mask-port-src"),
    MASK_PORT_DST(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "mask-port-dst"),
    TUPLE_PORT_SRC(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "tuple-port-src"),
    TUPLE_PORT_DST(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "tuple-port-dst"),
    STATE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "state"),
    ICMP_TYPE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmp-type"),
    ICMP_CODE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmp-code"),
    ICMP_ID(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmp-id"),
    ICMPV6_TYPE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmpv6-type"),
    ICMPV6_CODE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmpv6-code"),
    ICMPV6_ID(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "icmpv6-id"),
    ORIG_VTAG(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "orig-vtag"),
    REPLY_VTAG(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "reply-vtag"),
    ROLE(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "role"),
    GRE_SRC_KEY(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "orig-key-src", "srckey"),
    GRE_DST_KEY(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "orig-key-dst", "dstkey"),
    GRE_REPLY_SRC_KEY(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "reply-key-src"),
    GRE_REPLY_DST_KEY(NO_SHORT(), Arg.REQUIRED, NO_COLUMN(), "reply-key-dst");

    /** Whether the option takes an argument; OPTIONAL ones take the next word unless it starts with '-' or '!'. */
    public enum Arg {
        NONE, REQUIRED, OPTIONAL
    }

    private final char shortName;
    private final Arg arg;
    private final char column;
    private final List<String> longNames;

    ToolOption(char shortName, Arg arg, char column, String... longNames) {
        this.shortName = shortName;
        this.arg = arg;
        this.column = column;
        this.longNames = List.of(longNames);
    }

    // Methods rather than constants: an enum constant's arguments cannot refer to the enum's static fields.
    private static char NO_SHORT() {
        return 0;
    }

    private static char NO_COLUMN() {
        return 0;
    }

    /** The short letter, 0 when the option has only long names. */
    public char shortName() {
        return shortName;
    }

    public Arg arg() {
        return arg;
    }

    /** The column in the tool's command/option table, 0 for protocol options. */
    char column() {
        return column;
    }

    public boolean isProtocolOption() {
        return column == 0;
    }

    public List<String> longNames() {
        return longNames;
    }

    /** The name the tool prints in its messages ({@code --src}, {@code --dport}, ...): the last long name. */
    public String display() {
        return "--" + longNames.get(longNames.size() - 1);
    }
}
