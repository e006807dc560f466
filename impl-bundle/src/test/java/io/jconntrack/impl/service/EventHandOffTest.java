package io.jconntrack.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jconntrack.api.ConntrackException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

public class EventHandOffTest {
    private static final int CAPACITY = 2 * DatagramBatch.CAPACITY;

    @Test
    public void aFullHandOffMakesTheReceiverWaitUntilTheDispatcherIsDone() throws Exception {
        EventHandOff h = new EventHandOff(CAPACITY);
        assertTrue(h.put(new byte[DatagramBatch.CAPACITY], () -> true));
        assertTrue(h.put(new byte[DatagramBatch.CAPACITY], () -> true));
        assertEquals(CAPACITY, h.used());
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
            try {
                return h.put(new byte[100], () -> true);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(3 * EventHandOff.WAIT_MILLIS);
        assertFalse("the receiver waits while the hand-off is full", third.isDone());
        EventHandOff.Datagrams first = (EventHandOff.Datagrams) h.poll(0);
        assertEquals("taking is not enough: the bytes are held until dispatched", CAPACITY, h.used());
        h.release(first);
        assertTrue("room made by the dispatcher lets the receiver go on", third.get(5, TimeUnit.SECONDS));
        assertEquals(DatagramBatch.CAPACITY + 100, h.used());
        assertEquals("never more than the capacity", CAPACITY, h.peak());
    }

    @Test
    public void aReceiverWaitingForRoomGivesUpWhenTheSubscriptionCloses() throws Exception {
        EventHandOff h = new EventHandOff(CAPACITY);
        assertTrue(h.put(new byte[CAPACITY], () -> true));
        AtomicBoolean open = new AtomicBoolean(true);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return h.put(new byte[1], open::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2 * EventHandOff.WAIT_MILLIS);
        open.set(false);
        assertFalse("nothing queued after the close", waiting.get(5, TimeUnit.SECONDS));
        assertTrue(h.poll(0) instanceof EventHandOff.Datagrams);
        assertNull("only the first batch was queued", h.poll(0));
    }

    @Test
    public void noticesKeepTheirPlaceInTheStream() throws Exception {
        EventHandOff h = new EventHandOff(CAPACITY);
        byte[] before = new byte[10];
        byte[] after = new byte[20];
        ConntrackException why = new ConntrackException("events", "gone", null);
        h.put(before, () -> true);
        h.notice(new EventHandOff.Overflow(1));
        h.put(after, () -> true);
        h.notice(new EventHandOff.End(why));
        assertSame(before, ((EventHandOff.Datagrams) h.poll(0)).packed());
        assertEquals(1, ((EventHandOff.Overflow) h.poll(0)).count());
        assertSame(after, ((EventHandOff.Datagrams) h.poll(0)).packed());
        assertSame(why, ((EventHandOff.End) h.poll(0)).failure());
        assertNull(h.poll(10));
    }

    @Test
    public void datagramsCannotBypassTheBound() {
        EventHandOff h = new EventHandOff(CAPACITY);
        try {
            h.notice(new EventHandOff.Datagrams(new byte[1]));
            fail("datagrams were queued without room");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("item:"));
        }
    }

    @Test
    public void theCapacityHoldsAtLeastOneFullBatch() {
        try {
            new EventHandOff(DatagramBatch.CAPACITY - 1);
            fail("a hand-off that cannot take the largest datagram was made");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("capacity: " + (DatagramBatch.CAPACITY - 1)));
        }
    }
}
