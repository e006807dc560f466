package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.Protocol;
import java.util.Set;

/**
 * A {@link ToolArgs} checked as the tool checks it before anything reaches the kernel: which options the command
 * takes ({@link ToolCommand}, {@link ProtocolOptions}), option combinations the tool refuses, and one address family
 * for every address. The conversions to the API ({@link SelectionBuilder}, {@link EntryBuilder},
 * {@link ChangeBuilder}) start from here, so console commands and restore lines give identical results.
 */
public final class ToolRequest {
    private final ToolArgs args;
    private final Protocol protocol;
    private final AddressFamily family;

    private ToolRequest(ToolArgs args, Protocol protocol, AddressFamily family) {
        this.args = args;
        this.protocol = protocol;
        this.family = family;
    }

    /** Checks the options of {@code args} against its command; every refusal is one line naming the option. */
    public static ToolRequest of(ToolArgs args) {
        ToolCommand c = args.command();
        if (args.has(ANY_NAT) && (args.has(SRC_NAT) || args.has(DST_NAT))) {
            throw new IllegalArgumentException("--any-nat: cannot specify `--src-nat' or `--dst-nat' with "
                    + "`--any-nat'");
        }
        for (ToolOption o : ToolOption.values()) {
            if (o.isProtocolOption()) {
                continue;
            }
            int rule = c.rule(o);
            if (args.has(o) && rule == 0) {
                throw new IllegalArgumentException(o.display() + ": Illegal option `" + o.display()
                        + "' with this command");
            }
            if (!args.has(o) && rule == 1) {
                throw new IllegalArgumentException(o.display() + ": You need to supply the `" + o.display()
                        + "' option for this command");
            }
        }
        pairs(args, c.rule(SRC) == 3, SRC, DST, REPLY_SRC, REPLY_DST, "--src' and `--dst",
                "--reply-src' and `--reply-dst");
        Protocol p = args.get(PROTO) == null ? null : ProtocolNames.parse("--protonum", args.get(PROTO));
        checkProtocolOptions(args, c, p);
        AddressFamily f = family(args);
        if (args.has(MASK_SRC) && !args.has(SRC)) {
            throw new IllegalArgumentException("--mask-src: Can't use --mask-src without --src");
        }
        if (args.has(MASK_DST) && !args.has(DST)) {
            throw new IllegalArgumentException("--mask-dst: Can't use --mask-dst without --dst");
        }
        if (args.has(ZERO) && comparing(args)) {
            throw new IllegalArgumentException("--zero: Can't use -z with filtering parameters");
        }
        return new ToolRequest(args, p, f);
    }

    /** Options the tool compares entries with ({@code CT_COMPARISON}); {@code -z} refuses them. */
    private static boolean comparing(ToolArgs a) {
        for (ToolOption o : new ToolOption[] {PROTO, SRC, DST, REPLY_SRC, REPLY_DST, MARK, SECMARK, STATUS, ZONE,
            LABEL, ORIG_ZONE, REPLY_ZONE}) {
            if (a.has(o)) {
                return true;
            }
        }
        return false;
    }

    private static void checkProtocolOptions(ToolArgs args, ToolCommand c, Protocol p) {
        Set<ToolOption> known = p == null ? Set.of() : ProtocolOptions.of(p);
        for (ToolOption o : ToolOption.values()) {
            if (!o.isProtocolOption()) {
                continue;
            }
            if (args.has(o) && !known.contains(o)) {
                throw new IllegalArgumentException(o.display() + ": unknown option `" + o.display() + "'"
                        + (p == null ? " (needs -p with a protocol that has it)" : " for protocol " + p));
            }
            int rule = known.contains(o) ? ProtocolOptions.rule(c, o) : 2;
            if (args.has(o) && rule == 0) {
                throw new IllegalArgumentException(o.display() + ": Illegal option `" + o.display()
                        + "' with this command");
            }
            if (!args.has(o) && rule == 1) {
                throw new IllegalArgumentException(o.display() + ": You need to supply the `" + o.display()
                        + "' option for this command");
            }
        }
        if (known.contains(SPORT)) {
            pairs(args, ProtocolOptions.rule(c, SPORT) == 3, SPORT, DPORT, REPLY_PORT_SRC, REPLY_PORT_DST,
                    "--sport' and `--dport", "--reply-port-src' and `--reply-port-dst");
        }
    }

    /** Rule 3: one of the two pairs complete; a partial pair is named as the tool names it. */
    private static void pairs(ToolArgs a, boolean needed, ToolOption o1, ToolOption o2, ToolOption r1,
                              ToolOption r2, String origText, String replyText) {
        if (!needed) {
            return;
        }
        boolean orig = a.has(o1) && a.has(o2);
        boolean reply = a.has(r1) && a.has(r2);
        if (orig || reply) {
            return;
        }
        boolean partialReply = !(a.has(o1) || a.has(o2)) && (a.has(r1) || a.has(r2));
        String which = partialReply ? replyText : origText;
        throw new IllegalArgumentException((partialReply ? r1 : o1).display() + ": you have to specify `" + which
                + "'");
    }

    /** The one family of every address given, with -f; the tool's "mismatched address family" otherwise. */
    private static AddressFamily family(ToolArgs a) {
        AddressFamily f = null;
        if (a.has(FAMILY)) {
            String v = a.get(FAMILY);
            if (v.startsWith("ipv4")) {
                f = AddressFamily.IPV4;
            } else if (v.startsWith("ipv6")) {
                f = AddressFamily.IPV6;
            } else {
                throw new IllegalArgumentException("--family: `" + v + "' unsupported protocol (ipv4 or ipv6)");
            }
        }
        for (ToolOption o : new ToolOption[] {SRC, DST, REPLY_SRC, REPLY_DST, MASK_SRC, MASK_DST, TUPLE_SRC,
            TUPLE_DST}) {
            if (a.has(o)) {
                Cidr c = ToolValues.address(o.display(), a.get(o), o == SRC || o == DST);
                f = same(o, a.get(o), f, c.family());
            }
        }
        for (ToolOption o : new ToolOption[] {SRC_NAT, DST_NAT, ANY_NAT}) {
            if (a.get(o) != null) {
                f = same(o, a.get(o), f, AddressFamily.of(ToolValues.nat(o.display(), a.get(o)).address()));
            }
        }
        return f;
    }

    private static AddressFamily same(ToolOption o, String text, AddressFamily f, AddressFamily g) {
        if (f != null && f != g) {
            throw new IllegalArgumentException(o.display() + ": '" + text + "': mismatched address family");
        }
        return g;
    }

    public ToolCommand command() {
        return args.command();
    }

    /** The zone of {@code -w} (as the tool reads its numbers), {@code null} when not given. */
    public Integer zone() {
        return args.has(ZONE) ? ToolValues.zone("--zone", args.get(ZONE)) : null;
    }

    public ToolArgs args() {
        return args;
    }

    /** The protocol of -p, or null. */
    public Protocol protocol() {
        return protocol;
    }

    /** The family given or implied by the addresses, or null. */
    public AddressFamily family() {
        return family;
    }

    public String netns() {
        return args.netns();
    }

    /** The raw -o value (the format package reads it), or null. */
    public String output() {
        return args.get(OUTPUT);
    }

    public boolean zero() {
        return args.has(ZERO);
    }

    public Selection selection() {
        return SelectionBuilder.build(this);
    }

    public io.jconntrack.api.ConntrackEntry entry() {
        return EntryBuilder.build(this);
    }

    /** The original tuple get looks up. */
    public io.jconntrack.api.Tuple getTuple() {
        return EntryBuilder.getTuple(this);
    }

    /** The zone get looks in (0 when not given). */
    public int getZone() {
        return EntryBuilder.getZone(this);
    }

    /** The expectation {@code -I expect} creates. */
    public io.jconntrack.api.Expectation expectation() {
        return ExpectationBuilder.build(this);
    }

    /** The expected tuple {@code -D expect} and {@code -G expect} name with -s, -d, -p and its ports. */
    public io.jconntrack.api.Tuple expectedTuple() {
        return ExpectationBuilder.expectedTuple(this);
    }

    /** The selection of {@code -L expect}: the family. */
    public io.jconntrack.api.ExpectationFilter expectationFilter() {
        return ExpectationBuilder.filter(this);
    }

    public io.jconntrack.api.ConntrackChange change() {
        return ChangeBuilder.build(this);
    }
}
