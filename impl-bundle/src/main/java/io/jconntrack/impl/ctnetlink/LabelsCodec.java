package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_LABELS;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_LABELS_MASK;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.NF_CT_LABELS_MAX_SIZE;

import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Encodes and decodes {@code CTA_LABELS}: the label map is the kernel's array of host-order longs, read and written
 * here as host-order 32-bit words (the same bits on either endianness), bit {@code n} being label {@code n}.
 */
public final class LabelsCodec {
    private static final int WORD_BITS = 32;
    private static final int WORD_BYTES = 4;

    private LabelsCodec() {
    }

    /** Replaces the whole map: the mask covers every bit. */
    public static void encode(MessageWriter w, Collection<Integer> bits) {
        byte[] mask = new byte[NF_CT_LABELS_MAX_SIZE];
        Arrays.fill(mask, (byte) 0xFF);
        w.putBytes(CTA_LABELS, map(bits));
        w.putBytes(CTA_LABELS_MASK, mask);
    }

    /** Changes only the bits of {@code mask}: those in {@code bits} are set, the others of the mask cleared. */
    public static void encode(MessageWriter w, Collection<Integer> bits, Collection<Integer> mask) {
        w.putBytes(CTA_LABELS, map(bits));
        w.putBytes(CTA_LABELS_MASK, map(mask));
    }

    private static byte[] map(Collection<Integer> bits) {
        ByteBuffer map = ByteBuffer.allocate(NF_CT_LABELS_MAX_SIZE).order(ByteOrder.nativeOrder());
        for (int bit : bits) {
            int at = bit / WORD_BITS * WORD_BYTES;
            map.putInt(at, map.getInt(at) | (1 << (bit % WORD_BITS)));
        }
        return map.array();
    }

    /** The label bits of the {@code CTA_LABELS} attribute the cursor is on, in ascending order. */
    public static List<Integer> decode(AttributeCursor a) throws MalformedMessageException {
        if (a.payloadLength() > NF_CT_LABELS_MAX_SIZE || a.payloadLength() % WORD_BYTES != 0) {
            throw new MalformedMessageException("CTA_LABELS of " + a.payloadLength() + " bytes");
        }
        ByteBuffer words = ByteBuffer.wrap(a.bytes()).order(ByteOrder.nativeOrder());
        List<Integer> bits = new ArrayList<>();
        for (int w = 0; w < a.payloadLength() / WORD_BYTES; w++) {
            int word = words.getInt(w * WORD_BYTES);
            for (int bit = 0; bit < WORD_BITS; bit++) {
                if ((word & (1 << bit)) != 0) {
                    bits.add(w * WORD_BITS + bit);
                }
            }
        }
        return bits;
    }
}
