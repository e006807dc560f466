package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EventPrinter;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.options.OptionValues;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Streams conntrack events until Ctrl-C (or {@code --count}/{@code --timeout}). Events are printed from the
 * command's own thread (the console output belongs to it); the subscription's thread only queues them.
 */
@Command(scope = "conntrack", name = "events", description = "Show conntrack events as they happen, "
        + "like conntrack -E, until Ctrl-C")
@Service
public class EventsCommand extends TableAction {
    /** Events held between the subscription and the console; beyond it they are counted as lost. */
    static final int QUEUE_CAPACITY = 10_000;

    /** The tool's -e names ({@code parse_array[PARSE_EVENT]}); any case-insensitive prefix selects one. */
    private static final String[] EVENT_NAMES = {"ALL", "NEW", "UPDATES", "DESTROY"};

    @Option(name = "-e", aliases = {"--event-mask", "--event"}, description = "Event types, as conntrack -e: "
            + "ALL, NEW, UPDATES, DESTROY, comma-separated (default all)")
    @Completion(value = StringsCompleter.class, values = {"new", "updates", "destroy", "new,destroy", "all"})
    String events;

    @Option(name = "-b", aliases = "--buffer-size", description = "Accepted as by the tool; the service sizes its "
            + "own event buffer")
    String bufferSize;

    @Option(name = "-o", aliases = "--output", description = "Output format: table, conntrack or json")
    @Completion(OutputFormatCompleter.class)
    String output = "conntrack";

    @Option(name = "--count", description = "Stop after this many events")
    String count;

    @Option(name = "--timeout", description = "Stop after this many seconds")
    String timeout;

    /** Events are written to the console itself, as log:tail does: the command's System.out reaches the
     *  terminal only when the command ends. */
    @org.apache.karaf.shell.api.action.lifecycle.Reference(optional = true)
    org.apache.karaf.shell.api.console.Session session;

    @Override
    io.jconntrack.shell.options.ToolCommand toolCommand() {
        return io.jconntrack.shell.options.ToolCommand.EVENT;
    }

    @Override
    protected Object run() {
        io.jconntrack.shell.options.ToolRequest request = request();
        OutputFormat format = OutputFormat.parse("--output", output);
        Set<EventType> types = types();
        long max = count == null ? Long.MAX_VALUE : OptionValues.number("--count", count, 1, Long.MAX_VALUE);
        long seconds = timeout == null ? 0 : OptionValues.number("--timeout", timeout, 1, 86_400);
        if (table == io.jconntrack.shell.options.ToolTable.EXPECT) {
            if (format.kind() != OutputFormat.Kind.CONNTRACK) {
                throw new IllegalArgumentException("--output: expectation events are printed as the tool prints "
                        + "them (conntrack)");
            }
            java.io.PrintStream console = session != null ? session.getConsole() : System.out;
            long shown = ExpectationEventStream.run(service(netns).expectations(), types,
                    request.expectationFilter(), console, max, seconds == 0 ? Long.MAX_VALUE
                            : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
            err().println(io.jconntrack.shell.options.ToolCommand.EXP_EVENT.summary(shown));
            return null;
        }
        io.jconntrack.shell.options.Selection selection = request.selection();
        EventFilter filter = EventFilter.of(types, selection.filter());
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        java.util.concurrent.atomic.AtomicLong droppedHere = new java.util.concurrent.atomic.AtomicLong();
        ConntrackListener listener = new ConntrackListener() {
            @Override
            public void onEvent(ConntrackEvent event) {
                if (!queue.offer(event)) {
                    droppedHere.incrementAndGet();
                }
            }

            @Override
            public void onOverflow(long overflows) {
                queue.offer(new Lost(overflows));
            }

            @Override
            public void onError(io.jconntrack.api.ConntrackException error) {
                queue.offer(error);
            }
        };
        java.io.PrintStream console = session != null ? session.getConsole() : System.out;
        EventPrinter printer = new EventPrinter(format, console);
        long deadline = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long shown = 0;
        try (Subscription s = service(netns).subscribe(filter, listener)) {
            while (shown < max && System.nanoTime() < deadline) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof ConntrackEvent && selection.matches(((ConntrackEvent) item).entry())) {
                    printer.print((ConntrackEvent) item);
                    shown++;
                } else if (item instanceof Lost) {
                    printer.printLost(((Lost) item).overflows);
                } else if (item instanceof io.jconntrack.api.ConntrackException) {
                    throw (io.jconntrack.api.ConntrackException) item;
                }
                long dropped = droppedHere.getAndSet(0);
                if (dropped > 0) {
                    printer.printLost(dropped);
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C ends the command; the subscription is closed by try-with-resources. The interrupt is not
            // re-asserted: the console writes through interruptible channels, which an interrupted thread closes.
        }
        console.flush();
        err().println(shown + " flow events have been shown.");
        return null;
    }

    private Set<EventType> types() {
        if (events == null) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> set = EnumSet.noneOf(EventType.class);
        for (String part : events.split(",", -1)) {
            String p = part.toUpperCase(java.util.Locale.ROOT);
            int i = -1;
            for (int k = 0; k < EVENT_NAMES.length && i < 0 && !p.isEmpty(); k++) {
                i = EVENT_NAMES[k].startsWith(p) ? k : -1;
            }
            switch (i) {
                case 0:
                    set.addAll(EnumSet.allOf(EventType.class));
                    break;
                case 1:
                    set.add(EventType.NEW);
                    break;
                case 2:
                    set.add(EventType.UPDATE);
                    break;
                case 3:
                    set.add(EventType.DESTROY);
                    break;
                default:
                    throw new IllegalArgumentException("--event-mask: Bad parameter `" + part + "' (ALL, NEW, "
                            + "UPDATES, DESTROY)");
            }
        }
        return set;
    }

    /** Marks lost events in the queue. */
    private record Lost(long overflows) {
    }
}
