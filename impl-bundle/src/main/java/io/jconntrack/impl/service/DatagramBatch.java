package io.jconntrack.impl.service;

import io.jconntrack.impl.socket.NetlinkSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The datagrams an event reader took in one wakeup, packed into one array: each as its length (host-order int)
 * followed by its bytes. One copy out of the socket's native buffer per datagram and one array per batch, so a burst
 * costs the receiving thread a {@code recv} and a copy per event, and the heap the events' own bytes.
 */
final class DatagramBatch {
    /** Room for any one datagram the socket accepts (larger ones are reported as truncated). */
    static final int CAPACITY = NetlinkSocket.READ_BUFFER_SIZE + Integer.BYTES;

    private final ByteBuffer staging = ByteBuffer.allocate(CAPACITY).order(ByteOrder.nativeOrder());
    private int datagrams;

    /** Reads one datagram out of a packed array; the returned buffer is a view of the array. */
    interface Action {
        void accept(ByteBuffer datagram);
    }

    boolean isEmpty() {
        return datagrams == 0;
    }

    int datagrams() {
        return datagrams;
    }

    boolean fits(ByteBuffer datagram) {
        return staging.remaining() >= Integer.BYTES + datagram.remaining();
    }

    /** Copies {@code [position, limit)} of the datagram in; the caller checked {@link #fits}. */
    void add(ByteBuffer datagram) {
        staging.putInt(datagram.remaining());
        staging.put(datagram.duplicate());
        datagrams++;
    }

    /** The packed datagrams added since the last drain; the batch is empty afterwards. */
    byte[] drain() {
        byte[] packed = Arrays.copyOf(staging.array(), staging.position());
        staging.clear();
        datagrams = 0;
        return packed;
    }

    /** Calls the action with each datagram of an array made by {@link #drain()}, in the order they were added. */
    static void forEach(byte[] packed, Action action) {
        ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.nativeOrder());
        while (in.hasRemaining()) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalStateException("packed datagram of " + length + " bytes with " + in.remaining()
                        + " left");
            }
            action.accept(in.slice(in.position(), length).order(ByteOrder.nativeOrder()));
            in.position(in.position() + length);
        }
    }
}
