package io.jconntrack.impl.netlink;

import static io.jconntrack.impl.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jconntrack.impl.netlink.NetlinkConstants.NLMSG_HDRLEN;

import java.util.ArrayList;
import java.util.List;

/**
 * A classic BPF program ({@code SO_ATTACH_FILTER}) that accepts a netlink message only when each of its checks
 * passes: a byte of the protocol's fixed header, or the value of an attribute found with the
 * {@code SKF_AD_NLATTR}/{@code SKF_AD_NLATTR_NEST} extensions. Opcodes from {@code linux/filter.h} and
 * {@code linux/bpf_common.h}. A protocol builds its programs on top of it.
 */
public final class SocketFilter {
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
    /** Jumps are 8-bit in classic BPF. */
    private static final int MAX_JUMP = 255;

    /** One {@code struct sock_filter}. */
    public record Instruction(int code, int jt, int jf, int k) {
    }

    private final int attributes;
    private final List<Instruction> code = new ArrayList<>();
    /** Indexes of jumps whose true branch (marker >= 0) or false branch (-index - 1) lands on the final reject. */
    private final List<Integer> rejectJumps = new ArrayList<>();

    /** A program for messages whose nlmsghdr is followed by a fixed header of {@code fixedHeaderSize} bytes. */
    public SocketFilter(int fixedHeaderSize) {
        this.attributes = NLMSG_HDRLEN + fixedHeaderSize;
    }

    /** Accepts only messages whose fixed header has {@code value} in the byte at {@code offset}. */
    public SocketFilter requireHeaderByte(int offset, int value) {
        emit(BPF_LD | BPF_B | BPF_ABS, 0, 0, NLMSG_HDRLEN + offset);
        expectEqual(value);
        return this;
    }

    /** Accepts only messages carrying the u8 attribute at {@code path} (top level first) equal to {@code value}. */
    public SocketFilter requireU8(int value, int... path) {
        find(path);
        emit(BPF_MISC | BPF_TAX, 0, 0, 0);
        emit(BPF_LD | BPF_B | BPF_IND, 0, 0, NLA_HDRLEN);
        expectEqual(value);
        return this;
    }

    /**
     * Accepts only messages whose top-level 16-bit attribute {@code type} equals {@code value}; when
     * {@code absentMatches}, a message without the attribute is accepted too (for a protocol that leaves out a
     * default value).
     */
    public SocketFilter requireTopLevelU16(int type, int value, boolean absentMatches) {
        emit(BPF_LD | BPF_IMM, 0, 0, attributes);
        emit(BPF_LDX | BPF_IMM, 0, 0, type);
        emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR);
        if (absentMatches) {
            // Not found (offset 0): skip the three instructions of the comparison below.
            emit(BPF_JMP | BPF_JEQ | BPF_K, 3, 0, 0);
        } else {
            rejectIfZero();
        }
        emit(BPF_MISC | BPF_TAX, 0, 0, 0);
        emit(BPF_LD | BPF_H | BPF_IND, 0, 0, NLA_HDRLEN);
        expectEqual(value);
        return this;
    }

    /** The program: accept when every check passed, else drop. */
    public List<Instruction> build() {
        List<Instruction> out = new ArrayList<>(code);
        out.add(new Instruction(BPF_RET | BPF_K, 0, 0, ACCEPT));
        int reject = out.size();
        out.add(new Instruction(BPF_RET | BPF_K, 0, 0, 0));
        for (int marker : rejectJumps) {
            int at = marker >= 0 ? marker : -marker - 1;
            Instruction i = out.get(at);
            int offset = reject - at - 1; // jumps are relative to the next instruction
            if (offset > MAX_JUMP) {
                throw new IllegalStateException("socket filter too long");
            }
            out.set(at, marker >= 0 ? new Instruction(i.code(), offset, i.jf(), i.k())
                    : new Instruction(i.code(), i.jt(), offset, i.k()));
        }
        return List.copyOf(out);
    }

    /** Leaves the offset of the attribute at {@code path} in A, or rejects the message when it is absent. */
    private void find(int... path) {
        emit(BPF_LD | BPF_IMM, 0, 0, attributes);
        emit(BPF_LDX | BPF_IMM, 0, 0, path[0]);
        emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR);
        rejectIfZero();
        for (int i = 1; i < path.length; i++) {
            emit(BPF_LDX | BPF_IMM, 0, 0, path[i]);
            emit(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_OFF + SKF_AD_NLATTR_NEST);
            rejectIfZero();
        }
    }

    /** A is an attribute offset; 0 means not found. */
    private void rejectIfZero() {
        rejectJumps.add(code.size());
        emit(BPF_JMP | BPF_JEQ | BPF_K, -1, 0, 0); // jt patched to reject
    }

    private void expectEqual(int value) {
        rejectJumps.add(-code.size() - 1); // the false branch goes to reject
        emit(BPF_JMP | BPF_JEQ | BPF_K, 0, -1, value);
    }

    private void emit(int op, int jt, int jf, int k) {
        code.add(new Instruction(op, jt, jf, k));
    }
}
