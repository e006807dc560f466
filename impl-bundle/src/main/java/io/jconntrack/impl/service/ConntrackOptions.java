package io.jconntrack.impl.service;

/**
 * Settings of a {@link NetlinkConntrackService}.
 *
 * @param receiveBufferSize SO_RCVBUF of each socket in bytes; holds the acknowledgements of a pipelined batch
 * @param batchSize requests sent in one datagram by bulk operations
 * @param defaultNamespace namespace of the root service, {@code null} for the process's own
 * @param maxSocketsPerNamespace bound of each namespace's socket pool (concurrent operations per namespace)
 * @param timeoutMillis how long one receive may wait for the kernel
 * @param kernelFilters whether to ask the kernel to filter dumps and flushes (off: everything is done in Java,
 *     as on a kernel that knows no filter)
 * @param eventBufferSize bytes of events a subscription holds while its listener catches up: the socket's initial
 *     SO_RCVBUF (forced past {@code net.core.rmem_max} with CAP_NET_ADMIN) and, once received, as much again in the
 *     hand-off to the dispatching thread; see {@link #DEFAULT_EVENT_BUFFER_SIZE}
 * @param maxEventBufferSize how far an event subscription's SO_RCVBUF grows after the kernel dropped events
 * @param maxNamespaces how many namespaces besides the process's own have a socket pool at once: beyond it the
 *     least recently used pool without a call in progress is closed, and when all have one, a call for yet another
 *     namespace fails with EBUSY
 */
public record ConntrackOptions(int receiveBufferSize, int batchSize, String defaultNamespace,
                               int maxSocketsPerNamespace, int timeoutMillis, boolean kernelFilters,
                               int eventBufferSize, int maxEventBufferSize, int maxNamespaces) {
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_MAX_SOCKETS_PER_NAMESPACE = 4;
    public static final int DEFAULT_MAX_NAMESPACES = 64;
    /** The bound's bound: so many pools of the largest size (64 sockets) are 65,536 descriptors. */
    public static final int MAX_NAMESPACES_LIMIT = 1024;
    public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;
    public static final int MIN_RECEIVE_BUFFER_SIZE = 64 * 1024;
    public static final int MAX_BATCH_SIZE = 4096;
    /**
     * 32 MiB. The kernel charges an event about 1.3 KiB of socket buffer (its skb, measured for a TCP entry) and the
     * hand-off about 0.3 KiB (its bytes), so this holds about 50,000 events in the kernel (which counts twice the size
     * set) plus about 120,000 received: a receiving thread stalled for 0.2 s, or a dispatcher for 0.5 s, at 250,000
     * events/s. The benchmark's burst of 400,000 events in 2 s lost events with 2 MiB (the former default), with or
     * without the hand-off, and sometimes with 4 MiB; none with 16 MiB, where the hand-off once filled up on a busy
     * machine (docs/benchmarks.md). Memory is used only while a backlog exists.
     */
    public static final int DEFAULT_EVENT_BUFFER_SIZE = 32 * 1024 * 1024;
    /** 128 MiB: after an overflow the socket's buffer doubles up to this (kernel memory, used only by a backlog). */
    public static final int DEFAULT_MAX_EVENT_BUFFER_SIZE = 128 * 1024 * 1024;

    public ConntrackOptions {
        if (receiveBufferSize < MIN_RECEIVE_BUFFER_SIZE) {
            throw new IllegalArgumentException("receiveBufferSize: " + receiveBufferSize + " is below "
                    + MIN_RECEIVE_BUFFER_SIZE);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " is out of range 1.." + MAX_BATCH_SIZE);
        }
        if (maxSocketsPerNamespace < 1 || maxSocketsPerNamespace > 64) {
            throw new IllegalArgumentException("maxSocketsPerNamespace: " + maxSocketsPerNamespace
                    + " is out of range 1..64");
        }
        if (maxNamespaces < 1 || maxNamespaces > MAX_NAMESPACES_LIMIT) {
            throw new IllegalArgumentException("maxNamespaces: " + maxNamespaces + " is out of range 1.."
                    + MAX_NAMESPACES_LIMIT);
        }
        if (timeoutMillis < 100) {
            throw new IllegalArgumentException("timeoutMillis: " + timeoutMillis + " is below 100");
        }
        if (eventBufferSize < MIN_RECEIVE_BUFFER_SIZE) {
            throw new IllegalArgumentException("eventBufferSize: " + eventBufferSize + " is below "
                    + MIN_RECEIVE_BUFFER_SIZE);
        }
        if (maxEventBufferSize < eventBufferSize) {
            throw new IllegalArgumentException("maxEventBufferSize: " + maxEventBufferSize
                    + " is below eventBufferSize " + eventBufferSize);
        }
        if (defaultNamespace != null && defaultNamespace.isBlank()) {
            defaultNamespace = null;
        }
    }

    public static ConntrackOptions defaults() {
        return new ConntrackOptions(DEFAULT_RECEIVE_BUFFER_SIZE, DEFAULT_BATCH_SIZE, null,
                DEFAULT_MAX_SOCKETS_PER_NAMESPACE, DEFAULT_TIMEOUT_MILLIS, true, DEFAULT_EVENT_BUFFER_SIZE,
                DEFAULT_MAX_EVENT_BUFFER_SIZE, DEFAULT_MAX_NAMESPACES);
    }

    public ConntrackOptions withDefaultNamespace(String netns) {
        return new ConntrackOptions(receiveBufferSize, batchSize, netns, maxSocketsPerNamespace, timeoutMillis,
                kernelFilters, eventBufferSize, maxEventBufferSize, maxNamespaces);
    }

    public ConntrackOptions withBatchSize(int size) {
        return new ConntrackOptions(receiveBufferSize, size, defaultNamespace, maxSocketsPerNamespace, timeoutMillis,
                kernelFilters, eventBufferSize, maxEventBufferSize, maxNamespaces);
    }

    public ConntrackOptions withKernelFilters(boolean on) {
        return new ConntrackOptions(receiveBufferSize, batchSize, defaultNamespace, maxSocketsPerNamespace,
                timeoutMillis, on, eventBufferSize, maxEventBufferSize, maxNamespaces);
    }

    public ConntrackOptions withEventBuffers(int initial, int max) {
        return new ConntrackOptions(receiveBufferSize, batchSize, defaultNamespace, maxSocketsPerNamespace,
                timeoutMillis, kernelFilters, initial, max, maxNamespaces);
    }

    /** @param perNamespace sockets of each namespace's pool; {@code namespaces} pools besides the process's own */
    public ConntrackOptions withPools(int perNamespace, int namespaces) {
        return new ConntrackOptions(receiveBufferSize, batchSize, defaultNamespace, perNamespace, timeoutMillis,
                kernelFilters, eventBufferSize, maxEventBufferSize, namespaces);
    }
}
