package io.jconntrack.impl.service;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Pipelined requests and their outcomes: bulk create/update/delete, single requests, and deletion of what a dump
 * streams. A transport failure in the middle says what was done, what was not, and what is unknown.
 */
final class Bulk {
    private final Channel channel;

    Bulk(Channel channel) {
        this.channel = channel;
    }

    /** Counts of one bulk operation, fed by the pipeline's outcomes. */
    private static final class Tally {
        long succeeded;
        long absent;
        final List<Failure> failures = new ArrayList<>();
    }

    <T> BulkResult run(String operation, Collection<T> items, Pipeline.Encoder<T> encoder,
                       Function<T, Tuple> tupleOf, ToIntFunction<T> zoneOf) {
        Tally t = new Tally();
        pipeline(operation, items.iterator(), encoder, (item, errno, msg) -> {
            if (errno == 0) {
                t.succeeded++;
            } else {
                t.failures.add(failure(tupleOf.apply(item), zoneOf.applyAsInt(item), errno, msg));
            }
        }, () -> "succeeded " + t.succeeded + ", failed " + t.failures.size());
        return new BulkResult(t.succeeded, t.failures);
    }

    DeleteResult delete(Collection<ConntrackEntry> entries) {
        return delete(entries, Bulk::encodeDelete, ConntrackEntry::original, ConntrackEntry::zone);
    }

    /** Pipelined deletes of items guarded by their kernel ids: ENOENT means already gone, not a failure. */
    <T> DeleteResult delete(Collection<T> items, Pipeline.Encoder<T> encoder, Function<T, Tuple> tupleOf,
                            ToIntFunction<T> zoneOf) {
        Tally t = new Tally();
        pipeline("delete", items.iterator(), encoder, (e, errno, msg) -> {
            if (errno == 0) {
                t.succeeded++;
            } else if (errno == Errno.ENOENT) {
                t.absent++;
            } else {
                t.failures.add(failure(tupleOf.apply(e), zoneOf.applyAsInt(e), errno, msg));
            }
        }, () -> "deleted " + t.succeeded + ", already gone " + t.absent + ", failed " + t.failures.size());
        return new DeleteResult(t.succeeded, t.absent, t.failures);
    }

    /**
     * One acknowledged request. Returns true on success, false when it failed with {@code tolerated} (e.g. ENOENT
     * for a delete; 0 for none), and throws the kernel's error otherwise.
     */
    <T> boolean single(String operation, T item, Pipeline.Encoder<T> encoder, Tuple tuple, int tolerated) {
        OutcomeReply.Outcome o = channel.request(operation, tuple, Requests.ACKED,
                (w, seq, flags) -> encoder.encode(w, seq, flags, item), new OutcomeReply());
        if (o.succeeded()) {
            return true;
        }
        if (tolerated != 0 && o.errno() == tolerated) {
            return false;
        }
        throw Failures.kernel(operation, o.errno(), o.message(), channel.netns, tuple);
    }

    boolean deleteOne(ConntrackEntry entry) {
        return single("delete", entry, Bulk::encodeDelete, entry.original(), Errno.ENOENT);
    }

    /**
     * Deletes what {@code dump} streams, on a second socket, batch by batch: memory stays bounded.
     *
     * @param dump runs a filtered dump, handing each entry to its argument
     */
    long deleteStreamed(Consumer<Consumer<ConntrackEntry>> dump) {
        Tally t = streamed("deleteMatching", dump, Bulk::encodeDelete, true);
        if (!t.failures.isEmpty()) {
            Failure f = t.failures.get(0);
            throw ConntrackException.partial("deleteMatching (" + t.succeeded + " deleted, " + t.failures.size()
                    + " failed)", f).namespace(channel.netns).build();
        }
        return t.succeeded;
    }

    /**
     * Applies the change to what {@code dump} streams, on a second socket, batch by batch; entries the change would
     * not change are not sent. An entry gone meanwhile (ENOENT) is not a failure.
     */
    BulkResult updateStreamed(Consumer<Consumer<ConntrackEntry>> dump, ConntrackChange change) {
        Tally t = streamed("update", action -> dump.accept(e -> {
            if (change.changes(e)) {
                action.accept(e);
            }
        }), (w, seq, flags, e) -> Requests.change(w, seq, flags, e, change), true);
        return new BulkResult(t.succeeded, t.failures);
    }

    /** Streams a dump into a pipeline of requests on a dedicated socket; a transport failure says how far it got. */
    private Tally streamed(String operation, Consumer<Consumer<ConntrackEntry>> dump,
                           Pipeline.Encoder<ConntrackEntry> encoder, boolean absentIsDone) {
        Tally t = new Tally();
        NetlinkSocket socket = channel.openDedicated(operation);
        try {
            Pipeline<ConntrackEntry> pipeline = new Pipeline<>(socket, channel.batchSize(), encoder,
                    (e, errno, msg) -> {
                        if (errno == 0) {
                            t.succeeded++;
                        } else if (errno == Errno.ENOENT && absentIsDone) {
                            t.absent++;
                        } else {
                            t.failures.add(failure(e.original(), e.zone(), errno, msg));
                        }
                    });
            dump.accept(e -> {
                try {
                    pipeline.add(e);
                } catch (NetlinkIOException ex) {
                    throw Failures.of(operation, ex, channel.netns, e.original());
                } catch (MalformedMessageException ex) {
                    throw Failures.malformed(operation, ex, channel.netns);
                }
            });
            pipeline.flush();
        } catch (NetlinkIOException e) {
            throw Failures.of(operation + " (" + t.succeeded + " done so far)", e, channel.netns, null);
        } catch (MalformedMessageException e) {
            throw Failures.malformed(operation + " (" + t.succeeded + " done so far)", e, channel.netns);
        } finally {
            socket.close();
        }
        return t;
    }

    /** Runs a pipeline over the items; a transport failure reports what was done and what was not. */
    private <T> void pipeline(String operation, Iterator<T> items, Pipeline.Encoder<T> encoder,
                              Pipeline.Outcomes<T> outcomes, Supplier<String> progress) {
        channel.exchange(operation, null, socket -> {
            Pipeline<T> p = new Pipeline<>(socket, channel.batchSize(), encoder, outcomes);
            try {
                while (items.hasNext()) {
                    p.add(items.next());
                }
                p.flush();
            } catch (NetlinkIOException e) {
                long notAttempted = remaining(items);
                throw Failures.of(operation + " (" + progress.get() + ", " + p.unacknowledged()
                        + " with unknown outcome, " + notAttempted + " not attempted)", e, channel.netns, null);
            }
            return null;
        });
    }

    private static long remaining(Iterator<?> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** Deletes of dumped entries carry their kernel id, so a tuple reused meanwhile is left alone. */
    private static void encodeDelete(MessageWriter w, int seq, int flags, ConntrackEntry e) {
        Requests.delete(w, seq, flags, e);
    }

    private static Failure failure(Tuple tuple, int zone, int errno, String kernelMessage) {
        String text = Errno.text(errno);
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text += ": " + kernelMessage;
        }
        if (errno == Errno.EPERM) {
            text += " (CAP_NET_ADMIN is required)";
        }
        return new Failure(tuple, zone, Errno.name(errno), text);
    }
}
