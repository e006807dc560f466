package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.EventType;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.Subscription;
import io.jconntrack.shell.format.ExpectationLineFormat;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code conntrack:events expect}: expectation events printed as {@code conntrack -E expect} prints them, from the
 * command's thread (the subscription's thread only queues them), until the count, the deadline or Ctrl-C.
 */
final class ExpectationEventStream {
    private ExpectationEventStream() {
    }

    /** @return the events shown */
    static long run(ExpectationService service, Set<EventType> types, ExpectationFilter filter, PrintStream console,
                    long max, long deadlineNanos) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(EventsCommand.QUEUE_CAPACITY);
        AtomicLong droppedHere = new AtomicLong();
        ExpectationListener listener = new ExpectationListener() {
            @Override
            public void onEvent(ExpectationEvent event) {
                if (!queue.offer(event)) {
                    droppedHere.incrementAndGet();
                }
            }

            @Override
            public void onOverflow(long overflows) {
                droppedHere.incrementAndGet();
            }

            @Override
            public void onError(ConntrackException error) {
                queue.offer(error);
            }
        };
        long shown = 0;
        try (Subscription s = service.subscribe(types, filter, listener)) {
            while (shown < max && System.nanoTime() < deadlineNanos) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof ExpectationEvent) {
                    ExpectationEvent e = (ExpectationEvent) item;
                    console.println(ExpectationLineFormat.formatEvent(e.type(), e.expectation()));
                    shown++;
                } else if (item instanceof ConntrackException) {
                    throw (ConntrackException) item;
                }
                long dropped = droppedHere.getAndSet(0);
                if (dropped > 0) {
                    console.println("WARNING: expectation events were lost (the kernel or this console could not "
                            + "keep up)");
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C ends the command; the subscription is closed by try-with-resources.
        }
        console.flush();
        return shown;
    }
}
