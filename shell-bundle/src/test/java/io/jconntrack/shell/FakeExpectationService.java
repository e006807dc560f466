package io.jconntrack.shell;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** An in-memory expectation table recording every call in its conntrack fake's call list. */
final class FakeExpectationService implements ExpectationService {
    private final FakeConntrackService owner;
    private final List<Expectation> table;

    FakeExpectationService(FakeConntrackService owner, List<Expectation> table) {
        this.owner = owner;
        this.table = table;
    }

    @Override
    public List<Expectation> list(ExpectationFilter filter) {
        List<Expectation> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    @Override
    public long forEach(ExpectationFilter filter, Consumer<? super Expectation> action) {
        owner.record("expectations.forEach " + filter);
        long n = 0;
        for (Expectation x : new ArrayList<>(table)) {
            if (filter.matches(x)) {
                action.accept(x);
                n++;
            }
        }
        return n;
    }

    @Override
    public long count(ExpectationFilter filter) {
        owner.record("expectations.count " + filter);
        return table.stream().filter(filter::matches).count();
    }

    @Override
    public Optional<Expectation> get(Tuple expected, int zone) {
        owner.record("expectations.get " + expected);
        return table.stream().filter(x -> x.expected().equals(expected) && x.zone() == zone).findFirst();
    }

    @Override
    public void create(Expectation expectation) {
        owner.record("expectations.create " + expectation);
        if (get(expectation.expected(), expectation.zone()).isPresent()) {
            throw new ConntrackException("create expectation", 17, "EEXIST", "File exists", null, null,
                    expectation.expected(), null);
        }
        table.add(expectation);
    }

    @Override
    public boolean delete(Expectation expectation) {
        owner.record("expectations.delete " + expectation.expected());
        return table.remove(expectation);
    }

    @Override
    public DeleteResult delete(Collection<Expectation> expectations) {
        long n = expectations.stream().filter(this::delete).count();
        return new DeleteResult(n, expectations.size() - n, List.of());
    }

    @Override
    public long deleteMatching(ExpectationFilter filter) {
        return delete(list(filter)).deleted();
    }

    @Override
    public void flush() {
        owner.record("expectations.flush");
        table.clear();
    }

    @Override
    public List<ExpectationStatistics> statistics() {
        return List.of(new ExpectationStatistics(0, 3, 2, 1), new ExpectationStatistics(1, 0, 0, 0));
    }

    @Override
    public Subscription subscribe(Set<EventType> types, ExpectationFilter filter, ExpectationListener listener) {
        owner.expectationListeners.add(listener);
        return new Subscription() {
            @Override
            public boolean isOpen() {
                return owner.expectationListeners.contains(listener);
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
                owner.expectationListeners.remove(listener);
            }
        };
    }

    @Override
    public String namespace() {
        return owner.namespace();
    }
}
