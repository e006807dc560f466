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
 * @param eventBufferSize initial SO_RCVBUF of an event subscription
 * @param maxEventBufferSize how far an event subscription's buffer grows after the kernel dropped events
 */
public record ConntrackOptions(int receiveBufferSize, int batchSize, String defaultNamespace,
                               int maxSocketsPerNamespace, int timeoutMillis, boolean kernelFilters,
                               int eventBufferSize, int maxEventBufferSize) {
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_MAX_SOCKETS_PER_NAMESPACE = 4;
    public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;
    public static final int MIN_RECEIVE_BUFFER_SIZE = 64 * 1024;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int DEFAULT_EVENT_BUFFER_SIZE = 2 * 1024 * 1024;
    public static final int DEFAULT_MAX_EVENT_BUFFER_SIZE = 64 * 1024 * 1024;

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
                DEFAULT_MAX_EVENT_BUFFER_SIZE);
    }

    public ConntrackOptions withDefaultNamespace(String netns) {
        return new ConntrackOptions(receiveBufferSize, batchSize, netns, maxSocketsPerNamespace, timeoutMillis,
                kernelFilters, eventBufferSize, maxEventBufferSize);
    }

    public ConntrackOptions withBatchSize(int size) {
        return new ConntrackOptions(receiveBufferSize, size, defaultNamespace, maxSocketsPerNamespace, timeoutMillis,
                kernelFilters, eventBufferSize, maxEventBufferSize);
    }

    public ConntrackOptions withKernelFilters(boolean on) {
        return new ConntrackOptions(receiveBufferSize, batchSize, defaultNamespace, maxSocketsPerNamespace,
                timeoutMillis, on, eventBufferSize, maxEventBufferSize);
    }

    public ConntrackOptions withEventBuffers(int initial, int max) {
        return new ConntrackOptions(receiveBufferSize, batchSize, defaultNamespace, maxSocketsPerNamespace,
                timeoutMillis, kernelFilters, initial, max);
    }
}
