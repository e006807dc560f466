package io.jconntrack.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.NetlinkConstants;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code NLM_F_DUMP_INTR} is hard to provoke from a test (the kernel sets it when the table's generation changed
 * during a multi-part dump), so a fake kernel on a socket pair replays a real captured dump with the flag set.
 * Also checks that a corrupted datagram ends a dump with {@link MalformedMessageException} and nothing else.
 */
public class DumpInterruptedTest {
    /** The libc calls the fake kernel needs. */
    interface C extends com.sun.jna.Library {
        C INSTANCE = Native.load("c", C.class);

        int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;

        long read(int fd, byte[] buf, long count) throws LastErrorException;

        long write(int fd, byte[] buf, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;

    private NetlinkSocket socket;
    private int kernelFd;

    @Before
    public void pair() throws Exception {
        int[] sv = new int[2];
        C.INSTANCE.socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
        Constructor<NetlinkSocket> c = NetlinkSocket.class.getDeclaredConstructor(int.class);
        c.setAccessible(true);
        socket = c.newInstance(sv[0]);
        kernelFd = sv[1];
    }

    @After
    public void unpair() {
        socket.close();
        C.INSTANCE.close(kernelFd);
    }

    private static byte[] golden(String name) throws Exception {
        try (InputStream in = DumpInterruptedTest.class.getResourceAsStream("/golden/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Answers the next request with the datagrams, each message given the request's seq and extra flags. */
    private Thread fakeKernel(int extraFlags, byte[]... datagrams) {
        Thread t = new Thread(() -> {
            byte[] req = new byte[4096];
            C.INSTANCE.read(kernelFd, req, req.length);
            int seq = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder()).getInt(8);
            for (byte[] d : datagrams) {
                byte[] out = d.clone();
                ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
                try {
                    MessageCursor m = new MessageCursor(b);
                    while (m.next()) {
                        int start = m.payloadStart() - NetlinkConstants.NLMSG_HDRLEN;
                        b.putShort(start + 6, (short) (m.flags() | extraFlags));
                        b.putInt(start + 8, seq);
                    }
                } catch (MalformedMessageException e) {
                    // sent as it is
                }
                C.INSTANCE.write(kernelFd, out, out.length);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Dump.Outcome dump(List<ConntrackEntry> out) throws Exception {
        return Dump.run(socket, ConntrackFilter.ALL,
                KernelFilter.forDump(ConntrackFilter.ALL, new KernelFeatures(6, 18, true)), false, out::add, null);
    }

    @Test
    public void aCleanDumpIsNotInterrupted() throws Exception {
        fakeKernel(0, golden("dump-1.bin"), golden("dump-2.bin"));
        List<ConntrackEntry> out = new ArrayList<>();
        Dump.Outcome o = dump(out);
        assertEquals(6, o.count());
        assertEquals(6, out.size());
        assertFalse("no NLM_F_DUMP_INTR, no interruption", o.interrupted());
    }

    @Test
    public void dumpIntrOnEntriesAndDoneIsReported() throws Exception {
        fakeKernel(NetlinkConstants.NLM_F_DUMP_INTR, golden("dump-1.bin"), golden("dump-2.bin"));
        List<ConntrackEntry> out = new ArrayList<>();
        Dump.Outcome o = dump(out);
        assertEquals(6, o.count());
        assertTrue("NLM_F_DUMP_INTR must reach the caller, who repeats or reports", o.interrupted());
    }

    @Test
    public void dumpIntrOnDoneAloneIsReported() throws Exception {
        byte[] done = golden("dump-2.bin");
        ByteBuffer.wrap(done).order(ByteOrder.nativeOrder()).putShort(6,
                (short) (NetlinkConstants.NLM_F_MULTI | NetlinkConstants.NLM_F_DUMP_INTR));
        fakeKernel(0, golden("dump-1.bin"), done);
        Dump.Outcome o = dump(new ArrayList<>());
        assertTrue("NLM_F_DUMP_INTR on NLMSG_DONE alone is reported", o.interrupted());
    }

    @Test
    public void aCorruptedDatagramEndsTheDumpAsMalformed() throws Exception {
        byte[] bad = golden("dump-1.bin");
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putShort(20, (short) 2000); // first attribute's length
        fakeKernel(0, bad);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> dump(new ArrayList<>()));
        assertTrue(e.getMessage(), e.getMessage().contains("length 2000"));
    }

    @Test
    public void aDumpErrorInDoneIsAConntrackException() throws Exception {
        byte[] done = golden("dump-2.bin");
        ByteBuffer.wrap(done).order(ByteOrder.nativeOrder()).putInt(16, -io.jconntrack.impl.socket.Errno.ENOMEM);
        fakeKernel(0, done);
        io.jconntrack.api.ConntrackException e = assertThrows(io.jconntrack.api.ConntrackException.class,
                () -> dump(new ArrayList<>()));
        assertEquals("ENOMEM", e.errnoName());
        assertEquals("dump", e.operation());
    }
}
