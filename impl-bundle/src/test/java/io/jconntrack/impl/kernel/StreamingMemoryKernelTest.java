package io.jconntrack.impl.kernel;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Runs in its own surefire execution with {@code -Xmx64m}: 100,000 entries go through {@code forEach}, which must
 * stream them without holding the table.
 */
public class StreamingMemoryKernelTest {
    private static final int N = 100_000;

    @Test
    public void forEachStreamsAHundredThousandEntriesThroughASmallHeap() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.println("StreamingMemoryKernelTest: max heap " + (maxHeap >> 20) + " MiB, JVM args "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertTrue("this test must run with -Xmx64m (its surefire execution sets it)", maxHeap <= 80L << 20);
        try (TestNamespace ns = TestNamespace.create("jct-stream");
             NetlinkConntrackService ct = Conntrack.open(ConntrackOptions.defaults()
                     .withDefaultNamespace(ns.name()))) {
            List<ConntrackEntry> batch = new ArrayList<>(10_000);
            for (int i = 0; i < N; i++) {
                batch.add(ConntrackEntry.builder(Tuple.tcp(ip("192.0.2." + (1 + i / 60_000)),
                        ip("198.51.100." + (1 + (i / 1000) % 250)), 1024 + i % 60_000, 80)).timeout(600).build());
                if (batch.size() == 10_000) {
                    assertTrue("a batch of 10,000 is created", ct.create(batch).isComplete());
                    batch.clear();
                }
            }
            long[] ports = {0};
            long n = ct.forEach(ConntrackFilter.ALL, e -> ports[0] += e.original().destinationPort());
            assertEquals(N, n);
            assertEquals(80L * N, ports[0]);
            assertEquals(N, ct.count(ConntrackFilter.builder().destinationPort(80)
                    .protocol(io.jconntrack.api.Protocol.TCP).build()));

            // An action that throws midway ends the dump: the exception reaches the caller, the helper thread that
            // receives ahead is gone, and the service dumps the whole table again afterwards.
            long[] seen = {0};
            IllegalStateException stop = new IllegalStateException("stop");
            IllegalStateException thrown = assertThrows("the action's exception must end forEach",
                    IllegalStateException.class, () -> ct.forEach(ConntrackFilter.ALL, e -> {
                        if (++seen[0] == N / 2) {
                            throw stop;
                        }
                    }));
            assertTrue("the action's own exception reaches the caller: " + thrown,
                    thrown == stop || thrown.getCause() == stop);
            assertTrue("no dump receiver thread left", Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("jconntrack-dump-receiver")));
            assertEquals(N, ct.forEach(ConntrackFilter.ALL, e -> { }));
        }
    }
}
