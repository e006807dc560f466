package io.jconntrack.impl.netlink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.Test;

/** The attribute reader checks every length: against its container, and exactly for fixed-size reads. */
public class AttributeCursorTest {
    private static final AttributeNames NAMES = AttributeNames.of("T_UNSPEC", "T_ONE", "T_TWO");

    /** One attribute of {@code type} with {@code payload} bytes (all 0x01), padded. */
    private static AttributeCursor single(int type, int payload) throws MalformedMessageException {
        int len = NetlinkConstants.NLA_HDRLEN + payload;
        ByteBuffer b = ByteBuffer.allocate(NetlinkConstants.align(len)).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) len).putShort(2, (short) type);
        for (int i = 0; i < payload; i++) {
            b.put(NetlinkConstants.NLA_HDRLEN + i, (byte) 1);
        }
        AttributeCursor c = new AttributeCursor(b, 0, b.limit(), NAMES);
        assertTrue("one attribute", c.next());
        return c;
    }

    @Test
    public void fixedSizeReadsOfTheRightLengthWork() throws Exception {
        assertEquals(1, single(1, 1).u8());
        assertEquals(0x0101, single(1, 2).be16());
        assertEquals(0x01010101L, single(1, 4).be32());
        assertEquals(0x01010101L, single(1, 4).u32());
        assertEquals(0x0101010101010101L, single(1, 8).be64());
    }

    @Test
    public void aWiderAttributeIsNotReadAsItsFirstBytes() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> single(2, 4).be16());
        assertEquals("T_TWO has 4 bytes, expected 2", e.getMessage());
        e = assertThrows(MalformedMessageException.class, () -> single(1, 8).be32());
        assertEquals("T_ONE has 8 bytes, expected 4", e.getMessage());
        e = assertThrows(MalformedMessageException.class, () -> single(1, 2).u8());
        assertEquals("T_ONE has 2 bytes, expected 1", e.getMessage());
        e = assertThrows(MalformedMessageException.class, () -> single(1, 4).be64());
        assertEquals("T_ONE has 4 bytes, expected 8", e.getMessage());
        e = assertThrows(MalformedMessageException.class, () -> single(1, 2).u32());
        assertEquals("T_ONE has 2 bytes, expected 4", e.getMessage());
    }

    @Test
    public void aShorterAttributeIsRejectedToo() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> single(1, 1).be16());
        assertEquals("T_ONE has 1 bytes, expected 2", e.getMessage());
    }

    @Test
    public void anUnnamedTypeIsNamedByNumber() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> single(9, 3).be32());
        assertEquals("attribute type 9 has 3 bytes, expected 4", e.getMessage());
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
