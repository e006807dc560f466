package io.jconntrack.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class BodiesTest {
    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void arraysGoInBatchesAndObjectsWhole() throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < Bodies.BATCH + 5; i++) {
            b.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
        }
        List<Integer> sizes = new ArrayList<>();
        assertNull(Bodies.objectOrArray(body(b.append("]").toString()), "one", "many",
                (node, at) -> node.get("n").asInt(), batch -> sizes.add(batch.size())));
        assertEquals(List.of(Bodies.BATCH, 5), sizes);
        assertEquals(Integer.valueOf(7), Bodies.objectOrArray(body("{\"n\":7}"), "one", "many",
                (node, at) -> node.get("n").asInt(), batch -> { }));
    }

    @Test
    public void duplicateFieldsAndTrailingContentAreRefused() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Bodies.tree(body("{\"zone\":1,\"zone\":2}"), "a change"));
        assertTrue(dup.getMessage(), dup.getMessage().startsWith("body: ") && dup.getMessage().contains("zone"));
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
                () -> Bodies.tree(body("{\"zone\":1} {\"zone\":2}"), "a change"));
        assertTrue(trailing.getMessage(), trailing.getMessage().contains("trailing content"));
        List<Integer> handed = new ArrayList<>();
        assertThrows(IllegalArgumentException.class, () -> Bodies.array(body("[{\"n\":1}] x"), "many",
                (node, at) -> node.get("n").asInt(), handed::addAll));
        assertEquals("nothing is done with a body that is not one document", List.of(), handed);
    }

    @Test
    public void aWholeObjectIsBounded() {
        String big = "{\"pad\":\"" + "x".repeat(Bodies.MAX_OBJECT_BYTES) + "\"}";
        BodyTooLarge e = assertThrows(BodyTooLarge.class, () -> Bodies.tree(body(big), "a change"));
        assertTrue(e.getMessage(), e.getMessage().contains(Integer.toString(Bodies.MAX_OBJECT_BYTES)));
    }

    @Test
    public void aLimitedStreamFailsOneBytePastItsLimit() throws Exception {
        byte[] data = new byte[100];
        try (LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(data), 100, "the request")) {
            assertEquals(100, in.readNBytes(100).length);
            assertEquals(-1, in.read());
        }
        try (LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(data), 99, "the request")) {
            assertThrows(BodyTooLarge.class, () -> in.readNBytes(100));
        }
    }
}
