package io.jconntrack.impl.socket;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.testsupport.Processes;
import io.jconntrack.testsupport.TestNamespace;
import java.util.List;
import org.junit.Test;

/** A socket opened in a namespace never goes back to the pool once the name stands for another namespace. */
public class SocketPoolKernelTest {

    @Test
    public void aSocketOfAReplacedNamespaceIsClosedNotPooled() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-pool")) {
            try (SocketPool pool = new SocketPool(NetworkNamespace.of(ns.name()), 4, 1 << 20, 5_000)) {
                SocketPool.Lease old = pool.acquire();
                // Same name, new namespace, while the old socket is in use.
                assertEquals(0, Processes.run(List.of("ip", "netns", "del", ns.name())).exit());
                assertEquals(0, Processes.run(List.of("ip", "netns", "add", ns.name())).exit());
                SocketPool.Lease fresh = pool.acquire();
                fresh.release(true);
                assertEquals(1, pool.idleCount());
                old.release(true);
                assertTrue("the socket of the old namespace is closed", old.socket().isClosed());
                assertEquals("only the new namespace's socket is pooled", 1, pool.idleCount());
                SocketPool.Lease again = pool.acquire();
                assertTrue("the pooled socket is the new namespace's", again.socket() == fresh.socket());
                again.release(true);
            }
        }
    }
}
