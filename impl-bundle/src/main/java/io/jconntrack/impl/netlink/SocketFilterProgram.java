package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.CtnetlinkConstants.CTA_PROTO_NUM;
import static io.jconntrack.impl.netlink.CtnetlinkConstants.CTA_TUPLE_ORIG;
import static io.jconntrack.impl.netlink.CtnetlinkConstants.CTA_TUPLE_PROTO;
import static io.jconntrack.impl.netlink.CtnetlinkConstants.CTA_ZONE;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_HDRLEN;

import io.jconntrack.api.ConntrackFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program ({@code SO_ATTACH_FILTER}) that drops, in the kernel, event messages the subscription does
 * not want, as libnetfilter_conntrack does: family, layer-4 protocol and zone. Attributes are found with the
 * {@code SKF_AD_NLATTR}/{@code SKF_AD_NLATTR_NEST} extensions. Everything else is filtered in Java.
 * Opcodes from {@code linux/filter.h} and {@code linux/bpf_common.h}.
 */
public final class SocketFilterProgram {
    // linux/bpf_common.h
    static final int BPF_LD = 0x00;
    static final int BPF_LDX = 0x01;
    static final int BPF_JMP = 0x05;
    static final int BPF_RET = 0x06;
    static final int BPF_MISC = 0x07;
    static final int BPF_W = 0x00;
    static final int BPF_H = 0x08;
    static final int BPF_B = 0x10;
    static final int BPF_IMM = 0x00;
    static final int BPF_ABS = 0x20;
    static final int BPF_IND = 0x40;
    static final int BPF_JEQ = 0x10;
    static final int BPF_K = 0x00;
    static final int BPF_TAX = 0x00;
    // linux/filter.h ancillary data
    static final int SKF_AD_OFF = -0x1000;
    static final int SKF_AD_NLATTR = 12;
    static final int SKF_AD_NLATTR_NEST = 16;

    private static final int ACCEPT = 0xFFFF;
    /** Offset of the first attribute: nlmsghdr, then nfgenmsg. */
    private static final int ATTRS = NLMSG_HDRLEN + NfnetlinkConstants.NFGENMSG_SIZE;

    /** One {@code struct sock_filter}. */
    public record Instruction(int code, int jt, int jf, int k) {
    }

    private final List<Instruction> code = new ArrayList<>();
    /** Indexes of jumps whose false branch must land on the final "reject". */
    private final List<Integer> rejectJumps = new ArrayList<>();

    private SocketFilterProgram() {
    }

    /** The program for a selection, or {@code null} when the kernel has nothing to filter. */
    public static List<Instruction> forSelection(ConntrackFilter f) {
        if (f.family() == null && f.protocol() == null && f.zone() == null) {
            return null;
        }
        SocketFilterProgram p = new SocketFilterProgram();
        if (f.family() != null) {
            p.emit(BPF_LD | BPF_B | BPF_ABS, 0, 0, NLMSG_HDRLEN); // nfgenmsg.nfgen_family
            p.expectEqual(f.family().number());
        }
        if (f.protocol() != null) {
            p.findTopLevel(CTA_TUPLE_ORIG);
            p.findNested(CTA_TUPLE_PROTO);
            p.findNested(CTA_PROTO_NUM);
            p.emit(BPF_MISC | BPF_TAX, 0, 0, 0);
            p.emit(BPF_LD | BPF_B | BPF_IND, 0, 0, NLA_HDRLEN);
            p.expectEqual(f.protocol().number());
        }
        if (f.zone() != null) {
            p.emit(BPF_LD | BPF_IMM, 0, 0, ATTRS);
            p.emit(BPF_LDX | BPF_IMM, 0, 0, CTA_ZONE);
            p.emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR);
            if (f.zone() == 0) {
                // The kernel leaves CTA_ZONE out for the default zone: absent means zone 0.
                p.emit(BPF_JMP | BPF_JEQ | BPF_K, 3, 0, 0);
            } else {
                p.rejectIfZero();
            }
            p.emit(BPF_MISC | BPF_TAX, 0, 0, 0);
            p.emit(BPF_LD | BPF_H | BPF_IND, 0, 0, NLA_HDRLEN);
            p.expectEqual(f.zone());
        }
        return p.finish();
    }

    private void findTopLevel(int type) {
        emit(BPF_LD | BPF_IMM, 0, 0, ATTRS);
        emit(BPF_LDX | BPF_IMM, 0, 0, type);
        emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR);
        rejectIfZero();
    }

    private void findNested(int type) {
        emit(BPF_LDX | BPF_IMM, 0, 0, type);
        emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR_NEST);
        rejectIfZero();
    }

    /** A is an attribute offset; 0 means not found. */
    private void rejectIfZero() {
        rejectJumps.add(code.size());
        emit(BPF_JMP | BPF_JEQ | BPF_K, -1, 0, 0); // jt patched to reject
    }

    private void expectEqual(int value) {
        rejectJumps.add(-code.size() - 1); // negative: the false branch goes to reject
        emit(BPF_JMP | BPF_JEQ | BPF_K, 0, -1, value);
    }

    private void emit(int op, int jt, int jf, int k) {
        code.add(new Instruction(op, jt, jf, k));
    }

    private List<Instruction> finish() {
        emit(BPF_RET | BPF_K, 0, 0, ACCEPT);
        int reject = code.size();
        emit(BPF_RET | BPF_K, 0, 0, 0);
        for (int marker : rejectJumps) {
            int at = marker >= 0 ? marker : -marker - 1;
            Instruction i = code.get(at);
            int offset = reject - at - 1; // jumps are relative to the next instruction
            if (offset > 255) {
                throw new IllegalStateException("socket filter too long");
            }
            code.set(at, marker >= 0 ? new Instruction(i.code(), offset, i.jf(), i.k())
                    : new Instruction(i.code(), i.jt(), offset, i.k()));
        }
        return List.copyOf(code);
    }
}
