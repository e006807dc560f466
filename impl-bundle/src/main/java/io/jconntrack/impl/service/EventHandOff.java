package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What an event subscription's receiving thread hands to its dispatching thread, in the order it happened:
 * batches of datagrams, lost-events notices and the receiver's end. The bytes of the batches queued or being
 * dispatched are bounded: when the listener is slower than the kernel, the receiver waits here instead of draining
 * the socket, the socket's buffer fills, and the kernel drops events and says so ({@code ENOBUFS}), which reaches
 * the listener as an overflow like any other. So the heap does not grow without bound, and no loss goes unreported.
 */
final class EventHandOff {
    /** How often a receiver waiting for room checks that its subscription is still open. */
    static final int WAIT_MILLIS = 100;

    /** One thing handed over. */
    sealed interface Item permits Datagrams, Overflow, End {
    }

    /** Packed datagrams ({@link DatagramBatch}). */
    record Datagrams(byte[] packed) implements Item {
    }

    /** The kernel dropped events here; {@code count} is the subscription's overflows so far. */
    record Overflow(long count) implements Item {
    }

    /** The receiver ended; {@code failure} says why, {@code null} when the subscription was closed. */
    record End(ConntrackException failure) implements Item {
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private final Semaphore room;
    /** Most bytes held at once; written by the receiver only. */
    private volatile int peak;

    /** @param capacity bytes of packed datagrams queued or in dispatch at most (at least one full batch) */
    EventHandOff(int capacity) {
        if (capacity < DatagramBatch.CAPACITY) {
            throw new IllegalArgumentException("capacity: " + capacity + " is below one batch ("
                    + DatagramBatch.CAPACITY + ")");
        }
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
    }

    /**
     * Queues packed datagrams, waiting while the hand-off is full.
     *
     * @return false when {@code open} turned false while waiting (nothing was queued)
     */
    boolean put(byte[] packed, BooleanSupplier open) throws InterruptedException {
        while (!room.tryAcquire(packed.length, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            if (!open.getAsBoolean()) {
                return false;
            }
        }
        queue.add(new Datagrams(packed));
        peak = Math.max(peak, used());
        return true;
    }

    /**
     * Queues a notice without waiting: an overflow follows the datagrams received before it (at most one per
     * datagram queued, so notices stay as bounded as the datagrams), the end comes last.
     */
    void notice(Item item) {
        if (item instanceof Datagrams) {
            throw new IllegalArgumentException("item: datagrams are put, not noticed");
        }
        queue.add(item);
    }

    /** The next item, or {@code null} after the timeout. */
    Item poll(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The dispatcher is done with these datagrams: their bytes make room for the receiver. */
    void release(Datagrams done) {
        room.release(done.packed().length);
    }

    int capacity() {
        return capacity;
    }

    /** The most bytes of datagrams held at once so far (never above the capacity). */
    int peak() {
        return peak;
    }

    /** Bytes of datagrams queued or in dispatch now. */
    int used() {
        return capacity - room.availablePermits();
    }
}
