package io.jconntrack.shell;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.CpuStatistics;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** An in-memory table that records every call, so tests can also prove that bad input made none. */
public class FakeConntrackService implements ConntrackService {
    public final List<ConntrackEntry> entries = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    private final String namespace;
    private final FakeConntrackService root;

    public FakeConntrackService() {
        this(null, null);
    }

    private FakeConntrackService(String namespace, FakeConntrackService root) {
        this.namespace = namespace;
        this.root = root == null ? this : root;
    }

    private void call(String what) {
        root.calls.add(namespace == null ? what : what + "@" + namespace);
    }

    private List<ConntrackEntry> table() {
        return root.entries;
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        call("list " + filter);
        return table().stream().filter(filter::matches).collect(Collectors.toList());
    }

    @Override
    public long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        call("forEach " + filter);
        long n = 0;
        for (ConntrackEntry e : new ArrayList<>(table())) {
            if (filter.matches(e)) {
                action.accept(e);
                n++;
            }
        }
        return n;
    }

    @Override
    public long count(ConntrackFilter filter) {
        call("count " + filter);
        return table().stream().filter(filter::matches).count();
    }

    @Override
    public Optional<ConntrackEntry> get(Tuple original, int zone) {
        call("get " + original + " zone=" + zone);
        return table().stream().filter(e -> e.original().equals(original) && e.zone() == zone).findFirst();
    }

    @Override
    public void create(ConntrackEntry entry) {
        call("create " + entry.original() + " zone=" + entry.zone());
        if (table().stream().anyMatch(e -> e.original().equals(entry.original()) && e.zone() == entry.zone())) {
            throw new io.jconntrack.api.ConntrackException("create", 17, "EEXIST", "File exists", null, null,
                    entry.original(), null);
        }
        table().add(entry);
    }

    @Override
    public BulkResult create(Collection<ConntrackEntry> entries) {
        List<io.jconntrack.api.Failure> failures = new ArrayList<>();
        for (ConntrackEntry e : entries) {
            try {
                create(e);
            } catch (io.jconntrack.api.ConntrackException x) {
                failures.add(new io.jconntrack.api.Failure(e.original(), e.zone(), "EEXIST", "File exists"));
            }
        }
        return new BulkResult(entries.size() - failures.size(), failures);
    }

    @Override
    public void update(ConntrackUpdate update) {
        call("update " + update);
    }

    @Override
    public BulkResult update(Collection<ConntrackUpdate> updates) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BulkResult update(ConntrackFilter filter, io.jconntrack.api.ConntrackChange change) {
        call("updateMatching " + filter);
        long n = 0;
        for (int i = 0; i < table().size(); i++) {
            ConntrackEntry e = table().get(i);
            if (filter.matches(e) && change.changes(e)) {
                java.util.Set<io.jconntrack.api.StatusFlag> status = e.status();
                status.addAll(change.status());
                java.util.Set<Integer> labels = new java.util.TreeSet<>(e.labels());
                labels.addAll(change.labelsToSet());
                labels.removeAll(change.labelsToClear());
                table().set(i, e.toBuilder().mark(change.markOf(e.mark())).status(status).labels(labels)
                        .timeout(change.timeout() == null ? e.timeout() : change.timeout()).build());
                n++;
            }
        }
        return new BulkResult(n, List.of());
    }

    @Override
    public Optional<ConntrackEntry> getByReply(Tuple reply, int zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createOrUpdate(ConntrackEntry entry) {
        call("createOrUpdate " + entry.original() + " zone=" + entry.zone());
        table().removeIf(e -> e.original().equals(entry.original()) && e.zone() == entry.zone());
        table().add(entry);
    }

    @Override
    public long forEachAndZero(ConntrackFilter filter, java.util.function.Consumer<? super ConntrackEntry> action) {
        call("forEachAndZero " + filter);
        return table().stream().filter(filter::matches).peek(action).count();
    }

    @Override
    public boolean delete(ConntrackEntry entry) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DeleteResult delete(Collection<ConntrackEntry> entries) {
        call("delete " + entries.size());
        long n = entries.stream().filter(table()::remove).count();
        return new DeleteResult(n, entries.size() - n, List.of());
    }

    @Override
    public long deleteMatching(ConntrackFilter filter) {
        call("deleteMatching " + filter);
        long before = table().size();
        table().removeIf(filter::matches);
        return before - table().size();
    }

    @Override
    public void flush() {
        call("flush");
        table().clear();
    }

    @Override
    public void flush(int zone) {
        call("flush zone=" + zone);
        table().removeIf(e -> e.zone() == zone);
    }

    @Override
    public ConntrackStatistics statistics() {
        call("statistics");
        return new ConntrackStatistics(table().size(), 262144,
                List.of(new CpuStatistics(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                        new CpuStatistics(1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)));
    }

    @Override
    public io.jconntrack.api.Subscription subscribe(io.jconntrack.api.EventFilter filter,
                                                    io.jconntrack.api.ConntrackListener listener) {
        subscribedFilters.add(filter);
        listeners.add(listener);
        return new io.jconntrack.api.Subscription() {
            private boolean open = true;

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public long delivered() {
                return 0;
            }

            @Override
            public long overflows() {
                return 0;
            }

            @Override
            public void close() {
                open = false;
                listeners.remove(listener);
            }
        };
    }

    /** Filters given to subscribe, and the listeners still subscribed. */
    public final List<io.jconntrack.api.EventFilter> subscribedFilters = new ArrayList<>();
    public final List<io.jconntrack.api.ConntrackListener> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The expectation listeners still subscribed. */
    public final List<io.jconntrack.api.ExpectationListener> expectationListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ConntrackService inNamespace(String netns) {
        if (netns.isEmpty() || netns.contains("..")) {
            throw new IllegalArgumentException("netns: '" + netns + "' is not a namespace name");
        }
        return new FakeConntrackService(netns, root);
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String kernelRelease() {
        return "6.0.0-fake";
    }

    /** The dying list (the unconfirmed one stays empty, as on Linux 6.1 and later). */
    public final List<ConntrackEntry> dying = new ArrayList<>();

    @Override
    public long forEach(io.jconntrack.api.ConntrackTable table, ConntrackFilter filter,
                        Consumer<? super ConntrackEntry> action) {
        call("forEach " + table + " " + filter);
        List<ConntrackEntry> source = switch (table) {
            case CONNTRACK -> table();
            case DYING -> root.dying;
            case UNCONFIRMED -> List.of();
        };
        long n = 0;
        for (ConntrackEntry e : new ArrayList<>(source)) {
            if (filter.matches(e)) {
                action.accept(e);
                n++;
            }
        }
        return n;
    }

    /** The in-memory expectation table shared by all namespace views. */
    public final List<io.jconntrack.api.Expectation> expectationTable = new ArrayList<>();

    @Override
    public io.jconntrack.api.ExpectationService expectations() {
        return new FakeExpectationService(this, root.expectationTable);
    }

    void record(String what) {
        call(what);
    }
}
