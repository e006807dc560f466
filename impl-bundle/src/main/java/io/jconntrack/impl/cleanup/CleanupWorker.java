package io.jconntrack.impl.cleanup;

import io.jconntrack.api.ConntrackService;

/**
 * The root cleaner: the controller's own namespace, owning the queue and worker thread that its namespace views
 * ({@link #inNamespace}) share. {@link #close()} stops the worker; the views need no closing.
 */
public class CleanupWorker extends NamespaceCleaner implements AutoCloseable {
    public CleanupWorker(ConntrackService conntrack) {
        super(new CleanupQueue(conntrack), null);
    }

    /** Stops the worker after the request it is running; requests still queued fail with "stopped". */
    @Override
    public void close() {
        queue().close();
    }
}
