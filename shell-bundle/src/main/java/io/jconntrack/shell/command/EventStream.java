package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventListener;
import io.jconntrack.api.ExpectationEvent;
import io.jconntrack.api.ExpectationListener;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The events of one subscription, printed from the command's thread (the console output belongs to it; the
 * subscription's thread only queues them) until the count, the deadline or Ctrl-C. A loss, the kernel's or this
 * queue's, is printed where it happened among the events.
 *
 * @param <E> the event type
 */
abstract class EventStream<E> implements EventListener<E> {
    /** Events held between the subscription and the console; beyond it they are counted as lost. */
    static final int QUEUE_CAPACITY = 10_000;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong droppedHere = new AtomicLong();
    private final Predicate<? super E> wanted;
    private final Consumer<? super E> print;
    private final LongConsumer printLost;

    /**
     * @param wanted what the console's selection keeps of the subscription's events
     * @param printLost prints the notice of lost events, given the count the kernel or the queue reported
     */
    EventStream(Predicate<? super E> wanted, Consumer<? super E> print, LongConsumer printLost) {
        this.wanted = wanted;
        this.print = print;
        this.printLost = printLost;
    }

    @Override
    public void onEvent(E event) {
        if (!queue.offer(event)) {
            droppedHere.incrementAndGet();
        }
    }

    @Override
    public void onOverflow(long overflows) {
        queue.offer(new Lost(overflows));
    }

    @Override
    public void onError(ConntrackException error) {
        queue.offer(error);
    }

    /**
     * Prints the queued events until {@code max} are shown or the deadline passes; a subscription that ended by
     * itself is thrown.
     *
     * @return the events shown
     */
    @SuppressWarnings("unchecked") // the queue holds the listener's events besides Lost and ConntrackException
    long print(long max, long deadlineNanos) {
        long shown = 0;
        try {
            while (shown < max && System.nanoTime() < deadlineNanos) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof Lost lost) {
                    printLost.accept(lost.overflows());
                } else if (item instanceof ConntrackException error) {
                    throw error;
                } else if (item != null && wanted.test((E) item)) {
                    print.accept((E) item);
                    shown++;
                }
                long dropped = droppedHere.getAndSet(0);
                if (dropped > 0) {
                    printLost.accept(dropped);
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C ends the command; the caller closes the subscription. The interrupt is not re-asserted: the
            // console writes through interruptible channels, which an interrupted thread closes.
        }
        return shown;
    }

    /** Marks lost events in the queue. */
    private record Lost(long overflows) {
    }

    /** The stream of entry events, as {@code ConntrackService.subscribe} takes its listener. */
    static final class Entries extends EventStream<ConntrackEvent> implements ConntrackListener {
        Entries(Predicate<? super ConntrackEvent> wanted, Consumer<? super ConntrackEvent> print,
                LongConsumer printLost) {
            super(wanted, print, printLost);
        }
    }

    /** The stream of expectation events, as {@code ExpectationService.subscribe} takes its listener. */
    static final class Expectations extends EventStream<ExpectationEvent> implements ExpectationListener {
        Expectations(Consumer<? super ExpectationEvent> print, LongConsumer printLost) {
            super(e -> true, print, printLost);
        }
    }

    /** An event of one node of {@code --node all}, or that node's loss ({@code event} null) or end ({@code failure}). */
    record NodeEvent(String node, ConntrackEvent event, long overflows, String failure) {
    }

    /** The events of every node in one stream ({@code --node all}); each node subscribes with {@link #of}. */
    static final class OfNodes extends EventStream<NodeEvent> {
        OfNodes(Predicate<? super NodeEvent> wanted, Consumer<? super NodeEvent> print, LongConsumer printLost) {
            super(wanted, print, printLost);
        }

        /** The listener of one node's subscription: its events, losses and end, marked with its name. */
        ConntrackListener of(String node) {
            return new ConntrackListener() {
                @Override
                public void onEvent(ConntrackEvent event) {
                    OfNodes.this.onEvent(new NodeEvent(node, event, 0, null));
                }

                @Override
                public void onOverflow(long overflows) {
                    OfNodes.this.onEvent(new NodeEvent(node, null, overflows, null));
                }

                @Override
                public void onError(ConntrackException error) {
                    OfNodes.this.onEvent(new NodeEvent(node, null, 0, error.getMessage()));
                }
            };
        }
    }
}
