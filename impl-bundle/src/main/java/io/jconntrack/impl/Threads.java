package io.jconntrack.impl;

/** Thread helpers shared by the socket, service and cleanup packages. */
public final class Threads {
    private Threads() {
    }

    /**
     * Waits for the thread to end even when interrupted, then restores the interrupt. Used where the thread owns a
     * socket or namespace that must be released before the caller goes on; such threads end quickly.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
