package io.jconntrack.impl.socket;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * A pool's sockets all live in the namespace it was made for, and streams (dumps paced by the caller) leave a socket
 * for short requests.
 */
public class SocketPoolKernelTest {
    private static final int BUFFER = 1 << 16;

    @Test
    public void aSocketOfAReplacedNamespaceIsClosedNotPooled() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-pool")) {
            NetworkNamespace named = NetworkNamespace.of(ns.name());
            NamespaceId id;
            try (NamespaceFile file = named.open()) {
                id = file.identity();
            }
            try (SocketPool pool = new SocketPool(id, 4, 5_000)) {
                SocketPool.Opener opener = () -> named.openSocket(id, BUFFER, 5_000);
                assertTrue(pool.enter(named));
                SocketPool.Lease old = pool.acquire(SocketPool.Use.SHORT, opener);
                // Same name, new namespace, while the old socket is in use.
                assertEquals(0, Processes.run(List.of("ip", "netns", "del", ns.name())).exit());
                assertEquals(0, Processes.run(List.of("ip", "netns", "add", ns.name())).exit());
                assertTrue("the name stands for another namespace now", pool.isGone());
                assertTrue(pool.enter(named));
                NetlinkIOException e = assertThrows("no socket of the new namespace in the old one's pool",
                        NetlinkIOException.class, () -> pool.acquire(SocketPool.Use.SHORT, opener));
                assertEquals(e.getMessage(), Errno.ENOENT, e.errno());
                old.release(true);
                assertTrue("the socket of the old namespace is closed", old.socket().isClosed());
                assertEquals(0, pool.idleCount());
                assertTrue("nobody is left in the pool", pool.isUnusedFor(0));
            }
        }
    }

    @Test
    public void streamsLeaveASocketForShortRequests() throws Exception {
        Preconditions.requireKernel();
        SocketPool.Opener own = () -> NetlinkSocket.open(BUFFER, 1_000);
        try (SocketPool pool = new SocketPool(null, 4, 300)) {
            List<SocketPool.Lease> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assertTrue(pool.enter(null));
                streams.add(pool.acquire(SocketPool.Use.STREAM, own));
            }
            assertTrue(pool.enter(null));
            NetlinkIOException e = assertThrows("a fourth stream waits, then times out", NetlinkIOException.class,
                    () -> pool.acquire(SocketPool.Use.STREAM, own));
            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertTrue(pool.enter(null));
            SocketPool.Lease shortRequest = pool.acquire(SocketPool.Use.SHORT, own);
            assertFalse(pool.isUnusedFor(0));
            shortRequest.release(true);
            streams.forEach(l -> l.release(true));
            assertEquals(4, pool.idleCount());
            assertTrue(pool.isUnusedFor(0));
        }
        try (SocketPool single = new SocketPool(null, 1, 300)) {
            assertTrue(single.enter(null));
            single.acquire(SocketPool.Use.STREAM, own).release(true);
            assertEquals("with one socket, a stream takes it", 1, single.idleCount());
        }
    }
}
