package io.jconntrack.impl.netlink;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.Test;

/**
 * Every decoder entry point, fed truncated, corrupted and random input, either decodes or throws
 * {@link MalformedMessageException}: never an index exception, never an endless loop.
 */
public class MalformedInputTest {

    private static void expectOnlyMalformed(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        try {
            DecoderFuzzTarget.decodeEverything(buf); // the fuzz target's walk: every decoder, a progress guard
        } catch (MalformedMessageException e) {
            // allowed
        } catch (RuntimeException e) {
            throw new AssertionError("decoder threw " + e + " for input of " + bytes.length + " bytes", e);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.limit()];
        b.get(0, a);
        return a;
    }

    @Test
    public void everyTruncationOfARealDump() throws Exception {
        byte[] dump = bytes(GoldenMessagesTest.golden("dump-1.bin"));
        for (int len = 0; len < dump.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(dump, len);
            expectOnlyMalformed(cut);
            // also with the outer length patched to the cut size, so the inner attributes are what is short
            if (len >= 16) {
                ByteBuffer b = ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder());
                b.putInt(0, len);
                expectOnlyMalformed(cut);
            }
        }
    }

    @Test
    public void randomCorruptionsOfRealMessages() throws Exception {
        byte[][] seeds = {bytes(GoldenMessagesTest.golden("dump-1.bin")),
            bytes(GoldenMessagesTest.golden("error-enoent.bin")), bytes(GoldenMessagesTest.golden("stats.bin"))};
        Random r = new Random(20261125);
        for (int i = 0; i < 30_000; i++) {
            byte[] in = seeds[i % seeds.length].clone();
            int flips = 1 + r.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int pos = r.nextInt(in.length);
                in[pos] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
            }
            expectOnlyMalformed(in);
        }
    }

    @Test
    public void randomBytes() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] in = new byte[r.nextInt(128)];
            r.nextBytes(in);
            if (in.length >= 16) {
                ByteBuffer.wrap(in).order(ByteOrder.nativeOrder()).putInt(0, in.length);
            }
            expectOnlyMalformed(in);
        }
    }

    @Test
    public void attributeLongerThanItsContainerIsRejected() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) 12); // claims 12 bytes, 8 present
        b.putShort(2, (short) 1);
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> new AttributeCursor(b, 0, 8).next());
        assertTrue(e.getMessage(), e.getMessage().contains("length 12"));
    }

    @Test
    public void zeroLengthAttributeDoesNotLoop() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()); // nla_len 0
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> new AttributeCursor(b, 0, 8).next());
        assertTrue(e.getMessage(), e.getMessage().contains("length 0"));
    }
}
