package io.jconntrack.impl.service;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.impl.socket.NetlinkSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class DatagramBatchTest {

    private static ByteBuffer datagram(int length, int seed) {
        ByteBuffer b = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            b.put(i, (byte) (seed + i));
        }
        return b;
    }

    private static List<byte[]> unpack(byte[] packed) {
        List<byte[]> out = new ArrayList<>();
        DatagramBatch.forEach(packed, d -> {
            byte[] bytes = new byte[d.remaining()];
            d.get(bytes);
            out.add(bytes);
        });
        return out;
    }

    @Test
    public void datagramsComeOutAsTheyWentInAndInOrder() {
        DatagramBatch batch = new DatagramBatch();
        assertTrue(batch.isEmpty());
        ByteBuffer a = datagram(236, 1);
        ByteBuffer b = datagram(3, 50); // unaligned lengths are kept exactly
        ByteBuffer c = datagram(1000, 7);
        a.position(0);
        batch.add(a);
        batch.add(b);
        batch.add(c);
        assertEquals(3, batch.datagrams());
        byte[] packed = batch.drain();
        assertEquals("three length prefixes and the bytes", 3 * 4 + 236 + 3 + 1000, packed.length);
        assertTrue("drained", batch.isEmpty());
        List<byte[]> out = unpack(packed);
        assertEquals(3, out.size());
        assertArrayEquals(a.array(), out.get(0));
        assertArrayEquals(b.array(), out.get(1));
        assertArrayEquals(c.array(), out.get(2));
        assertEquals("the socket's buffer is not consumed by the copy", 0, a.position());
    }

    @Test
    public void onlyThePositionToLimitOfTheSocketBufferIsCopied() {
        ByteBuffer socketBuffer = datagram(100, 3);
        socketBuffer.position(0).limit(40);
        DatagramBatch batch = new DatagramBatch();
        batch.add(socketBuffer);
        List<byte[]> out = unpack(batch.drain());
        assertEquals(40, out.get(0).length);
        assertEquals((byte) 3, out.get(0)[0]);
    }

    @Test
    public void theLargestDatagramFitsAnEmptyBatchAndNothingFitsAfterIt() {
        DatagramBatch batch = new DatagramBatch();
        ByteBuffer largest = datagram(NetlinkSocket.READ_BUFFER_SIZE, 0);
        assertTrue(batch.fits(largest));
        batch.add(largest);
        assertFalse("the batch is full", batch.fits(datagram(1, 0)));
        assertEquals(NetlinkSocket.READ_BUFFER_SIZE, unpack(batch.drain()).get(0).length);
        assertTrue("room again after the drain", batch.fits(largest));
    }

    @Test
    public void aLengthBeyondTheArrayIsRejected() {
        DatagramBatch batch = new DatagramBatch();
        batch.add(datagram(8, 0));
        byte[] packed = batch.drain();
        ByteBuffer.wrap(packed).order(java.nio.ByteOrder.nativeOrder()).putInt(0, 9);
        try {
            unpack(packed);
            fail("a length of 9 with 8 bytes left was accepted");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("9 bytes with 8 left"));
        }
    }
}
