package io.jconntrack.shell.command;

import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Subscription;
import io.jconntrack.shell.completer.OutputFormatCompleter;
import io.jconntrack.shell.format.EventPrinter;
import io.jconntrack.shell.format.ExpectationLineFormat;
import io.jconntrack.shell.format.OutputFormat;
import io.jconntrack.shell.options.OptionValues;
import io.jconntrack.shell.options.Selection;
import io.jconntrack.shell.options.ToolCommand;
import io.jconntrack.shell.options.ToolRequest;
import io.jconntrack.shell.options.ToolTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Streams conntrack events until Ctrl-C (or {@code --count}/{@code --timeout}). Events are printed from the
 * command's own thread ({@link EventStream}).
 */
@Command(scope = "conntrack", name = "events", description = "Show conntrack events as they happen, "
        + "like conntrack -E, until Ctrl-C")
@Service
public class EventsCommand extends TableAction {
    /** The tool's -e names ({@code parse_array[PARSE_EVENT]}); any case-insensitive prefix selects one. */
    private static final String[] EVENT_NAMES = {"ALL", "NEW", "UPDATES", "DESTROY"};

    @Option(name = "-e", aliases = "--event-mask", description = "Event types, as conntrack -e: "
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
    ToolCommand toolCommand() {
        return ToolCommand.EVENT;
    }

    @Override
    protected Object run() {
        ToolRequest request = request();
        OutputFormat format = OutputFormat.parse("--output", output);
        Set<EventType> types = types();
        long max = maxEvents();
        long deadline = deadlineNanos();
        PrintStream console = console();
        long shown;
        if (table == ToolTable.EXPECT) {
            if (format.kind() != OutputFormat.Kind.CONNTRACK) {
                throw new IllegalArgumentException("--output: expectation events are printed as the tool prints "
                        + "them (conntrack)");
            }
            EventStream.Expectations stream = new EventStream.Expectations(
                    e -> console.println(ExpectationLineFormat.formatEvent(e.type(), e.expectation())),
                    lost -> console.println("WARNING: expectation events were lost (the kernel or this console "
                            + "could not keep up)"));
            try (Subscription s = service(netns).expectations().subscribe(types, request.expectationFilter(),
                    stream)) {
                shown = stream.print(max, deadline);
            }
        } else {
            Selection selection = request.selection();
            EventPrinter printer = new EventPrinter(format, console);
            EventStream.Entries stream = new EventStream.Entries(e -> selection.matches(e.entry()), printer::print,
                    printer::printLost);
            try (Subscription s = service(netns).subscribe(EventFilter.of(types, selection.filter()), stream)) {
                shown = stream.print(max, deadline);
            }
        }
        console.flush();
        ToolCommand command = table == ToolTable.EXPECT ? ToolCommand.EXP_EVENT : ToolCommand.EVENT;
        err().println(command.summary(shown));
        return null;
    }

    @Override
    boolean fansOut() {
        return true;
    }

    /**
     * {@code --node all}: one subscription per node, their events printed as they come, each line after
     * {@code [NODE] }. A node that cannot be subscribed, or whose subscription ends, prints {@code [NODE] failed:
     * MESSAGE} and the others go on; the command then fails naming those nodes, as {@link FanOut} does.
     */
    @Override
    Object runOnAll(NodeServices services, List<String> nodes) {
        ToolRequest request = request();
        OutputFormat format = OutputFormat.parse("--output", output);
        if (table == ToolTable.EXPECT || format.kind() == OutputFormat.Kind.TABLE) {
            throw new IllegalArgumentException("--node: 'all' streams the events of entries as conntrack or json "
                    + "lines");
        }
        Set<EventType> types = types();
        long max = maxEvents();
        long deadline = deadlineNanos();
        PrintStream console = console();
        Selection selection = request.selection();
        EventPrinter printer = new EventPrinter(format, console);
        Map<String, String> failures = new LinkedHashMap<>();
        EventStream.OfNodes stream = new EventStream.OfNodes(
                e -> e.event() == null || selection.matches(e.event().entry()), e -> {
                    console.print("[" + e.node() + "] ");
                    if (e.failure() != null) {
                        failures.put(e.node(), e.failure());
                        console.println("failed: " + e.failure());
                    } else if (e.event() == null) {
                        printer.printLost(e.overflows());
                    } else {
                        printer.print(e.event());
                    }
                }, printer::printLost);
        EventFilter filter = EventFilter.of(types, selection.filter());
        Subscriptions open = new Subscriptions();
        List<Future<?>> subscribing = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(nodes.size(), FanOut.MAX_PARALLEL)));
        long shown;
        try {
            // At once: a node that does not answer delays only its own subscription, by its request timeout.
            for (String node : nodes) {
                subscribing.add(pool.submit(() -> {
                    ConntrackService s = services.get(node);
                    open.add((netns == null ? s : s.inNamespace(netns)).subscribe(filter, stream.of(node)));
                }));
            }
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    subscribing.get(i).get();
                } catch (ExecutionException e) {
                    String message = e.getCause().getMessage() == null ? e.getCause().toString()
                            : e.getCause().getMessage();
                    failures.put(nodes.get(i), message);
                    console.println("[" + nodes.get(i) + "] failed: " + message);
                }
            }
            shown = stream.print(max, deadline);
        } catch (InterruptedException e) {
            shown = 0; // Ctrl-C while subscribing
        } finally {
            pool.shutdownNow();
            open.close();
        }
        console.flush();
        err().println(ToolCommand.EVENT.summary(shown));
        if (!failures.isEmpty()) {
            throw new CommandFailed(failures.size() + " of " + nodes.size() + " nodes failed: "
                    + String.join(", ", failures.keySet()));
        }
        return null;
    }

    /** The subscriptions made so far; one made after {@link #close} (a subscribe in flight) is closed at once. */
    private static final class Subscriptions implements AutoCloseable {
        private final List<Subscription> open = new ArrayList<>();
        private boolean closed;

        synchronized void add(Subscription s) {
            if (closed) {
                s.close();
            } else {
                open.add(s);
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            open.forEach(Subscription::close);
            open.clear();
        }
    }

    /** {@code --count}: how many events to show, at most. */
    private long maxEvents() {
        return count == null ? Long.MAX_VALUE : OptionValues.number("--count", count, 1, Long.MAX_VALUE);
    }

    /** {@code --timeout}: when to stop ({@code System.nanoTime()}), from now. */
    private long deadlineNanos() {
        long seconds = timeout == null ? 0 : OptionValues.number("--timeout", timeout, 1, 86_400);
        return seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    /** The console itself, as log:tail writes to it: the command's own output reaches it only at the end. */
    private PrintStream console() {
        return session != null ? session.getConsole() : out();
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
}
