package io.jconntrack.shell.options;

import static io.jconntrack.shell.options.ToolOption.*;

import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;

/**
 * The expectation options of a checked {@link ToolRequest} as the tool reads them ({@code conntrack.c}, EXP_*):
 * for {@code -I expect} the master is {@code -s -d -p --sport --dport}, the expected tuple {@code --tuple-src
 * --tuple-dst --tuple-port-src --tuple-port-dst} and the mask {@code --mask-src --mask-dst --mask-port-src
 * --mask-port-dst}; for {@code -D expect} and {@code -G expect}, {@code -s -d -p --sport --dport} name the expected
 * tuple.
 */
final class ExpectationBuilder {
    private ExpectationBuilder() {
    }

    static Expectation build(ToolRequest r) {
        ToolArgs a = r.args();
        Protocol p = r.protocol();
        Tuple master = tuple(p, a, SRC, DST, SPORT, DPORT);
        Tuple expected = tuple(p, a, TUPLE_SRC, TUPLE_DST, TUPLE_PORT_SRC, TUPLE_PORT_DST);
        Tuple mask = tuple(p, a, MASK_SRC, MASK_DST, MASK_PORT_SRC, MASK_PORT_DST);
        long timeout = CNumbers.range(TIMEOUT.display(), a.get(TIMEOUT), 0, ToolValues.MAX_U32);
        return Expectation.builder(master, expected).mask(mask).timeout(timeout).build();
    }

    static Tuple expectedTuple(ToolRequest r) {
        return tuple(r.protocol(), r.args(), SRC, DST, SPORT, DPORT);
    }

    static ExpectationFilter filter(ToolRequest r) {
        ExpectationFilter.Builder b = ExpectationFilter.builder();
        if (r.family() != null) {
            b.family(r.family());
        }
        return b.build();
    }

    private static Tuple tuple(Protocol p, ToolArgs a, ToolOption src, ToolOption dst, ToolOption sport,
                               ToolOption dport) {
        InetAddress s = ToolValues.plainAddress(src.display(), a.get(src));
        InetAddress d = ToolValues.plainAddress(dst.display(), a.get(dst));
        if (p.hasPorts()) {
            return Tuple.of(p, s, d, ToolValues.port(sport.display(), a.get(sport)),
                    ToolValues.port(dport.display(), a.get(dport)));
        }
        return Tuple.addressesOnly(p, s, d);
    }
}
