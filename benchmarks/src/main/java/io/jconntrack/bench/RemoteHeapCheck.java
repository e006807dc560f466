package io.jconntrack.bench;

import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.remote.RemoteConntrack;

/**
 * Run in a child JVM with {@code -Xmx64m}: streams a namespace's table from a node agent through the remote
 * service, which must succeed without holding it. Prints one line and exits 0 when it saw the expected entries.
 * Arguments: agent URL, certificate fingerprint, namespace, expected entries.
 */
public final class RemoteHeapCheck {
    private RemoteHeapCheck() {
    }

    public static void main(String[] args) {
        long expected = Long.parseLong(args[3]);
        try (RemoteConntrack node = RemoteConntrack.pinned("node1", args[0], NodeAgent.USER, NodeAgent.PASSWORD,
                args[1])) {
            long[] ports = {0};
            long start = System.nanoTime();
            long n = node.service().inNamespace(args[2]).forEach(ConntrackFilter.ALL,
                    e -> ports[0] += e.original().destinationPort());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%sentries=%d seconds=%.3f maxHeapMiB=%d%n", HeapCheck.PREFIX, n, seconds,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.exit(n == expected && ports[0] == 80L * n ? 0 : 2);
        }
    }
}
