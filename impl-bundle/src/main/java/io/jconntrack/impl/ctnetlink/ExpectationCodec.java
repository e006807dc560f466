package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.*;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFlag;
import io.jconntrack.api.ExpectationNat;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;

/**
 * The attributes of one expectation ({@code enum ctattr_expect}): decoded from {@code IPCTNL_MSG_EXP_NEW} as the
 * kernel sends it in dumps, replies and events (and {@code IPCTNL_MSG_EXP_DELETE} in events); encoded for the
 * requests that create, get or delete one. The per-CPU counters of {@code IPCTNL_MSG_EXP_GET_STATS_CPU} are here too.
 */
public final class ExpectationCodec {
    private ExpectationCodec() {
    }

    /**
     * Attributes of a create, as libnetfilter_conntrack's {@code nfexp_build_expect} writes them: master, expected
     * tuple and mask, timeout and zone always; helper, flags, class, NAT and function when set. The kernel clears
     * {@code NF_CT_EXPECT_USERSPACE} in requests and sets it itself.
     */
    public static void encodeCreate(MessageWriter w, Expectation x) {
        TupleCodec.encode(w, CTA_EXPECT_MASTER, x.master());
        TupleCodec.encode(w, CTA_EXPECT_TUPLE, x.expected());
        TupleCodec.encode(w, CTA_EXPECT_MASK, x.mask());
        w.putBe32(CTA_EXPECT_TIMEOUT, x.timeout());
        w.putBe16(CTA_EXPECT_ZONE, x.zone());
        if (x.helper() != null) {
            w.putString(CTA_EXPECT_HELP_NAME, x.helper());
        }
        if (!x.flags().isEmpty()) {
            w.putBe32(CTA_EXPECT_FLAGS, ExpectationFlag.toBits(x.flags()));
        }
        if (x.expectationClass() != 0) {
            w.putBe32(CTA_EXPECT_CLASS, x.expectationClass());
        }
        if (x.nat() != null) {
            int nat = w.beginNested(CTA_EXPECT_NAT);
            w.putBe32(CTA_EXPECT_NAT_DIR, x.nat().reply() ? 1 : 0);
            TupleCodec.encode(w, CTA_EXPECT_NAT_TUPLE, x.nat().tuple());
            w.endNested(nat);
        }
        if (x.function() != null) {
            w.putString(CTA_EXPECT_FN, x.function());
        }
    }

    /** The key of one expectation: its expected tuple and zone; a non-zero id makes the kernel check it too. */
    public static void encodeKey(MessageWriter w, Tuple expected, int zone, long id) {
        TupleCodec.encode(w, CTA_EXPECT_TUPLE, expected);
        w.putBe16(CTA_EXPECT_ZONE, zone);
        if (id != 0) {
            w.putBe32(CTA_EXPECT_ID, id);
        }
    }

    /** Decodes the message the cursor is on: nfgenmsg, then the CTA_EXPECT_* attributes. */
    public static Expectation decode(MessageCursor m, AddressCache cache) throws MalformedMessageException {
        int familyNumber = NfGenMsg.family(m);
        AddressFamily family = AddressFamily.fromNumber(familyNumber);
        if (family == null) {
            throw new MalformedMessageException("expectation message of family " + familyNumber);
        }
        AttributeCursor a = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.EXPECT);
        Tuple master = null;
        Tuple expected = null;
        Tuple mask = null;
        long timeout = Expectation.NO_TIMEOUT;
        long id = 0;
        int zone = 0;
        long flags = 0;
        long expectClass = 0;
        String helper = null;
        String function = null;
        ExpectationNat nat = null;
        while (a.next()) {
            switch (a.type()) {
                case CTA_EXPECT_MASTER: master = TupleCodec.decode(a, family, cache); break;
                case CTA_EXPECT_TUPLE: expected = TupleCodec.decode(a, family, cache); break;
                case CTA_EXPECT_MASK: mask = TupleCodec.decode(a, family, cache); break;
                case CTA_EXPECT_TIMEOUT: timeout = a.be32(); break;
                case CTA_EXPECT_ID: id = a.be32(); break;
                case CTA_EXPECT_ZONE: zone = a.be16(); break;
                case CTA_EXPECT_FLAGS: flags = a.be32(); break;
                case CTA_EXPECT_CLASS: expectClass = a.be32(); break;
                case CTA_EXPECT_HELP_NAME: helper = a.string(); break;
                case CTA_EXPECT_FN: function = a.string(); break;
                case CTA_EXPECT_NAT: nat = decodeNat(a, family, cache); break;
                default: break; // attributes this library does not model are skipped
            }
        }
        if (master == null || expected == null) {
            throw new MalformedMessageException("expectation message without "
                    + (master == null ? "CTA_EXPECT_MASTER" : "CTA_EXPECT_TUPLE"));
        }
        try {
            return Expectation.builder(master, expected).mask(mask).timeout(timeout).id(id).zone(zone)
                    .flags(ExpectationFlag.fromBits(flags)).expectationClass(expectClass)
                    .helper(helper == null || helper.isEmpty() ? null : helper)
                    .function(function == null || function.isEmpty() ? null : function).nat(nat).build();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("inconsistent expectation: " + e.getMessage());
        }
    }

    private static ExpectationNat decodeNat(AttributeCursor a, AddressFamily family, AddressCache cache)
            throws MalformedMessageException {
        AttributeCursor n = a.nested(CtnetlinkNames.EXPECT_NAT);
        long dir = 0;
        Tuple tuple = null;
        while (n.next()) {
            if (n.type() == CTA_EXPECT_NAT_DIR) {
                dir = n.be32();
            } else if (n.type() == CTA_EXPECT_NAT_TUPLE) {
                tuple = TupleCodec.decode(n, family, cache);
            }
        }
        if (tuple == null) {
            throw new MalformedMessageException("CTA_EXPECT_NAT without CTA_EXPECT_NAT_TUPLE");
        }
        return new ExpectationNat(dir != 0, tuple);
    }

    /** Decodes one message of {@code IPCTNL_MSG_EXP_GET_STATS_CPU}; the CPU number is nfgenmsg.res_id. */
    public static ExpectationStatistics decodeStatistics(MessageCursor m) throws MalformedMessageException {
        int cpu = NfGenMsg.decode(m).resId();
        AttributeCursor a = new AttributeCursor(m.buffer(), NfGenMsg.attributesStart(m), m.end(),
                CtnetlinkNames.STATS_EXP);
        long created = 0;
        long inserted = 0;
        long deleted = 0;
        while (a.next()) {
            switch (a.type()) {
                case CTA_STATS_EXP_NEW: created = a.be32(); break;
                case CTA_STATS_EXP_CREATE: inserted = a.be32(); break;
                case CTA_STATS_EXP_DELETE: deleted = a.be32(); break;
                default: break;
            }
        }
        return new ExpectationStatistics(cpu, created, inserted, deleted);
    }
}
