package io.jconntrack.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The expectation table of one network namespace ({@code conntrack -L expect}), read and changed over ctnetlink's
 * expectation subsystem. Get one from {@link ConntrackService#expectations()}. Thread-safe; invalid arguments throw
 * {@link IllegalArgumentException} naming the field and value before anything reaches the kernel, kernel failures
 * {@link ConntrackException}.
 *
 * @since 0.3
 */
@ProviderType
public interface ExpectationService {

    /** The expectations the filter selects. */
    List<Expectation> list(ExpectationFilter filter);

    /**
     * Streams the selected expectations to the action while the kernel dumps them. The action runs on the calling
     * thread; an exception it throws ends the dump and is rethrown.
     *
     * @return the number passed to the action
     */
    long forEach(ExpectationFilter filter, Consumer<? super Expectation> action);

    /** Number of expectations the filter selects. */
    long count(ExpectationFilter filter);

    /** The expectation with this expected tuple in this zone, if any. */
    Optional<Expectation> get(Tuple expected, int zone);

    /**
     * Creates an expectation of the master connection (which must exist and have a helper: the kernel attaches
     * expectations to a helper's connections only). Needs a timeout.
     *
     * @throws ConntrackException {@code ENOENT} without such a master, {@code EOPNOTSUPP} when it has no helper or
     *     the helper named is unknown, {@code EEXIST} when the expectation exists
     */
    void create(Expectation expectation);

    /**
     * Deletes one expectation by expected tuple and zone, guarded by its kernel id when it has one.
     *
     * @return false when it was already gone (not an error)
     */
    boolean delete(Expectation expectation);

    /** Deletes the given expectations in pipelined batches, each guarded by its kernel id. */
    DeleteResult delete(Collection<Expectation> expectations);

    /**
     * Deletes every expectation the filter selects: one kernel request for all of one helper's (a filter of helper
     * alone), otherwise a dump and pipelined deletes.
     *
     * @return the number selected when the deletion ran
     */
    long deleteMatching(ExpectationFilter filter);

    /** Removes every expectation of the namespace. */
    void flush();

    /** Per-CPU expectation counters ({@code conntrack -S expect}). */
    List<ExpectationStatistics> statistics();

    /**
     * Subscribes to the events of the selected expectations ({@link EventType#NEW} and {@link EventType#DESTROY};
     * the kernel sends no update). Events arrive in kernel order on the subscription's thread.
     */
    Subscription subscribe(java.util.Set<EventType> types, ExpectationFilter filter, ExpectationListener listener);

    /** The namespace this service works in, or {@code null} for the process's own. */
    String namespace();
}
