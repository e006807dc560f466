package io.jconntrack.impl.service;

import static org.junit.Assert.assertEquals;

import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.impl.netlink.NetlinkError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** Replies are matched to a batch by "seq - first", which must hold across the wrap of the 32-bit counter. */
public class SequenceWrapTest {

    /** An NLMSG_ERROR datagram answering the request with sequence number {@code seq}. */
    private static ByteBuffer ack(int seq, int errno) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(0, 36).putShort(4, (short) NetlinkConstants.NLMSG_ERROR).putShort(6, (short) 0x100).putInt(8, seq);
        b.putInt(16, -errno); // nlmsgerr.error
        b.putInt(20, 16).putInt(28, seq); // the echoed request header: length, seq
        return b;
    }

    @Test
    public void repliesOnBothSidesOfTheWrapBelongToTheBatch() throws Exception {
        int first = Integer.MAX_VALUE - 1;
        int last = Integer.MIN_VALUE + 1; // four requests: MAX-1, MAX, MIN, MIN+1
        List<Integer> positions = new ArrayList<>();
        MessageLoop.Handler h = new MessageLoop.Handler() {
            @Override
            public void onMessage(MessageCursor m) {
            }

            @Override
            public boolean onError(NetlinkError e) {
                positions.add(e.requestSeq() - first);
                return e.requestSeq() == last;
            }

            @Override
            public boolean onDone(int error, int flags) {
                return false;
            }
        };
        MessageLoop.dispatch(ack(Integer.MAX_VALUE, 17), first, last, h);
        MessageLoop.dispatch(ack(Integer.MIN_VALUE, 2), first, last, h);
        MessageLoop.dispatch(ack(first - 1, 0), first, last, h); // a stale reply before the batch: skipped
        boolean done = MessageLoop.dispatch(ack(last, 0), first, last, h);
        assertEquals(List.of(1, 2, 3), positions);
        assertEquals(true, done);
    }
}
