package io.jconntrack.bench;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.ConntrackOptions;
import io.jconntrack.impl.service.NetlinkConntrackService;

/**
 * Run in a child JVM with {@code -Xmx64m}: streams the whole table of a namespace through {@code forEach}, which
 * must succeed without holding it. Prints one line and exits 0 when it saw the expected number of entries.
 * Arguments: namespace, expected entries.
 */
public final class HeapCheck {
    static final String PREFIX = "heapcheck ";

    private HeapCheck() {
    }

    public static void main(String[] args) {
        String netns = args[0];
        long expected = Long.parseLong(args[1]);
        try (NetlinkConntrackService ct = Conntrack.open(ConntrackOptions.defaults().withDefaultNamespace(netns))) {
            long[] ports = {0};
            long start = System.nanoTime();
            long n = ct.forEach(ConntrackFilter.ALL, e -> ports[0] += e.original().destinationPort());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%sentries=%d seconds=%.3f maxHeapMiB=%d%n", PREFIX, n, seconds,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.exit(n == expected && ports[0] == 80L * n ? 0 : 2);
        }
    }
}
