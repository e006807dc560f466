package io.jconntrack.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The connection-tracking table of one network namespace, read and changed over ctnetlink.
 *
 * <p>Implementations are thread-safe. Every operation but {@link #forEach} takes and returns values only, so the
 * service can be exported remotely. Invalid arguments throw {@link IllegalArgumentException} naming the field and
 * value before anything reaches the kernel; kernel failures throw {@link ConntrackException}.
 */
@ProviderType
public interface ConntrackService {

    /** The entries selected by the filter, in a list held in memory; prefer {@link #forEach} for large tables. */
    List<ConntrackEntry> list(ConntrackFilter filter);

    /**
     * Streams the selected entries to the action while the kernel dumps the table, never holding the table in
     * memory. The action runs on the calling thread; an exception it throws ends the dump and is rethrown.
     *
     * @return the number of entries passed to the action
     */
    long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action);

    /** Number of entries selected by the filter ({@link ConntrackFilter#ALL}: the table's entry count). */
    long count(ConntrackFilter filter);

    /** The entry with this original tuple in this zone, if any. */
    Optional<ConntrackEntry> get(Tuple original, int zone);

    /**
     * The entry with this reply tuple in this zone, if any ({@code conntrack -G -r ... -q ...}); with NAT the reply
     * is not the original's inverse, so this is the way to find an entry by its translated addresses.
     *
     * @since 0.2
     */
    Optional<ConntrackEntry> getByReply(Tuple reply, int zone);

    /**
     * Creates one entry. Needs a timeout; the reply tuple defaults to the inverse of the original.
     *
     * @throws ConntrackException with {@code EEXIST} when the entry exists
     */
    void create(ConntrackEntry entry);

    /** Creates entries in pipelined batches; one failure does not stop the others. */
    BulkResult create(Collection<ConntrackEntry> entries);

    /** Changes mark, timeout, status or labels of one existing entry ({@code ENOENT} when there is none). */
    void update(ConntrackUpdate update);

    /** Applies updates in pipelined batches; one failure does not stop the others. */
    BulkResult update(Collection<ConntrackUpdate> updates);

    /**
     * Applies the change to every entry the filter selects, as {@code conntrack -U} does: a filtered dump feeding
     * pipelined updates (each guarded by the entry's kernel id). Entries the change would leave as they are are not
     * sent and not counted.
     *
     * @return entries changed in {@link BulkResult#succeeded()}, and those the kernel refused
     * @since 0.2
     */
    BulkResult update(ConntrackFilter filter, ConntrackChange change);

    /**
     * Creates the entry, or updates it when it exists (its mark, timeout, status, labels and TCP state), as
     * {@code conntrack -A} does.
     *
     * @since 0.2
     */
    void createOrUpdate(ConntrackEntry entry);

    /**
     * As {@link #forEach}, and the kernel zeroes the counters of each entry it reports
     * ({@code IPCTNL_MSG_CT_GET_CTRZERO}, {@code conntrack -L -z}); the entries carry the counters before zeroing.
     *
     * @since 0.2
     */
    long forEachAndZero(ConntrackFilter filter, java.util.function.Consumer<? super ConntrackEntry> action);

    /**
     * Deletes one entry by original tuple and zone, guarded by its kernel id when it has one.
     *
     * @return {@code false} when it was already gone (not an error)
     */
    boolean delete(ConntrackEntry entry);

    /**
     * Deletes the given entries (typically from {@link #list}) in pipelined batches, each guarded by its kernel id so
     * that a tuple reused by a newer connection meanwhile is left alone.
     */
    DeleteResult delete(Collection<ConntrackEntry> entries);

    /**
     * Deletes every entry the filter selects, with one kernel flush request where the kernel can apply the filter
     * itself, otherwise by a filtered dump and pipelined deletes.
     *
     * @return the number of entries that matched when the deletion ran
     */
    long deleteMatching(ConntrackFilter filter);

    /** Removes every entry of the namespace, both families. */
    void flush();

    /** Removes every entry of one zone. */
    void flush(int zone);

    /** Entry count, table maximum and per-CPU counters. */
    ConntrackStatistics statistics();

    /**
     * Subscribes to the events the filter selects ({@code NEW}, {@code UPDATE}, {@code DESTROY} entries of its
     * selection). Events arrive in kernel order on a thread of the subscription. Filtering the kernel can do runs
     * in the kernel (multicast groups and a socket filter), the rest in Java. Not remotable: it streams.
     *
     * <p>A subscription in a namespace that is deleted ends with {@link ConntrackListener#onError}; it does not
     * keep the deleted namespace alive.
     */
    Subscription subscribe(EventFilter filter, ConntrackListener listener);

    /**
     * The same service inside another network namespace: a name as made by {@code ip netns add NAME} (looked up in
     * {@code /var/run/netns}) or an absolute path to a namespace file (e.g. {@code /proc/PID/ns/net}).
     *
     * @throws IllegalArgumentException for a malformed name
     */
    ConntrackService inNamespace(String netns);

    /** The namespace this service works in, or {@code null} for the namespace of the process. */
    String namespace();

    /**
     * The release of the kernel whose table this is ({@code uname -r}), for operators comparing nodes.
     *
     * @since 0.3
     */
    String kernelRelease();

    /**
     * Streams the selected entries of one of the kernel's lists ({@code conntrack -L dying}, {@code -L unconfirmed});
     * {@link ConntrackTable#CONNTRACK} is {@link #forEach(ConntrackFilter, Consumer)}. The dying and unconfirmed
     * lists are not filtered by the kernel: the filter is applied in Java.
     *
     * @return the number of entries passed to the action
     * @since 0.3
     */
    long forEach(ConntrackTable table, ConntrackFilter filter, Consumer<? super ConntrackEntry> action);

    /**
     * The expectation table of the same namespace ({@code inNamespace("x").expectations()} is that of "x").
     *
     * @since 0.3
     */
    ExpectationService expectations();
}
