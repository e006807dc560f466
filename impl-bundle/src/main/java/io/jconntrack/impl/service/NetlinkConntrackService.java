package io.jconntrack.impl.service;

import static io.jconntrack.impl.netlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS;
import static io.jconntrack.impl.netlink.CtnetlinkConstants.IPCTNL_MSG_CT_GET_STATS_CPU;
import static io.jconntrack.impl.netlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.netlink.NfnetlinkConstants.ctnetlinkType;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.CpuStatistics;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.Failure;
import io.jconntrack.api.Limits;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.netlink.EntryDecoder;
import io.jconntrack.impl.netlink.KernelFilter;
import io.jconntrack.impl.netlink.MalformedMessageException;
import io.jconntrack.impl.netlink.MessageCursor;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.netlink.NetlinkError;
import io.jconntrack.impl.netlink.Requests;
import io.jconntrack.impl.netlink.StatisticsDecoder;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.NetlinkSocket;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * {@link ConntrackService} over ctnetlink for one network namespace. Thread-safe: each call borrows a socket of the
 * namespace's bounded pool. The root instance (from {@link io.jconntrack.impl.Conntrack}) owns the sockets of all
 * its namespace views and closes them in {@link #close()}.
 */
public final class NetlinkConntrackService implements ConntrackService, AutoCloseable {
    /** How often list and count repeat a dump the kernel marked inconsistent ({@code NLM_F_DUMP_INTR}). */
    static final int DUMP_ATTEMPTS = 3;

    private final Transport transport;
    private final String netns;
    private final boolean owner;

    /** A root service owning its sockets. */
    public NetlinkConntrackService(ConntrackOptions options) {
        this(new Transport(options), options.defaultNamespace(), true);
    }

    private NetlinkConntrackService(Transport transport, String netns, boolean owner) {
        if (netns != null) {
            NetworkNamespace.of(netns); // validates the name
        }
        this.transport = transport;
        this.netns = netns;
        this.owner = owner;
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        check("filter", filter);
        for (int attempt = 1; ; attempt++) {
            List<ConntrackEntry> out = new ArrayList<>();
            Dump.Outcome o = dump(filter, false, out::add);
            if (!o.interrupted() || attempt == DUMP_ATTEMPTS) {
                if (o.interrupted()) {
                    throw interrupted();
                }
                return out;
            }
        }
    }

    @Override
    public long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        check("filter", filter);
        check("action", action);
        Dump.Outcome o = dump(filter, false, action);
        if (o.interrupted()) {
            // Entries were already handed out; a silent retry would repeat them.
            throw interrupted();
        }
        return o.count();
    }

    @Override
    public long count(ConntrackFilter filter) {
        check("filter", filter);
        if (filter.isEmpty()) {
            return globalStatistics()[0];
        }
        for (int attempt = 1; ; attempt++) {
            Dump.Outcome o = dump(filter, true, null);
            if (!o.interrupted() || attempt == DUMP_ATTEMPTS) {
                if (o.interrupted()) {
                    throw interrupted();
                }
                return o.count();
            }
        }
    }

    @Override
    public Optional<ConntrackEntry> get(Tuple original, int zone) {
        check("original", original);
        Limits.checkZone("zone", zone);
        ConntrackEntry[] found = {null};
        int[] errno = {0};
        String[] message = {null};
        exchange("get", original, socket -> {
            MessageWriter w = new MessageWriter(256);
            int seq = socket.nextSeq();
            Requests.get(w, seq, original, zone);
            socket.send(w.buffer(), w.length());
            MessageLoop.run(socket, seq, seq, new MessageLoop.Handler() {
                @Override
                public void onMessage(MessageCursor m) throws MalformedMessageException {
                    if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_NEW)) {
                        found[0] = EntryDecoder.decode(m);
                    }
                }

                @Override
                public boolean onError(NetlinkError error) {
                    errno[0] = error.errno();
                    message[0] = error.message();
                    return true;
                }

                @Override
                public boolean onDone(int error, int flags) {
                    return false;
                }
            });
            return null;
        });
        if (errno[0] == Errno.ENOENT) {
            return Optional.empty();
        }
        if (errno[0] != 0) {
            throw Failures.kernel("get", errno[0], message[0], netns, original);
        }
        return Optional.ofNullable(found[0]);
    }

    @Override
    public void create(ConntrackEntry entry) {
        check("entry", entry);
        requireTimeout(entry);
        single("create", entry, Requests::create, entry.original(), false);
    }

    @Override
    public BulkResult create(Collection<ConntrackEntry> entries) {
        check("entries", entries);
        for (ConntrackEntry e : entries) {
            requireTimeout(check("entries", e));
        }
        return bulk("create", entries, Requests::create, ConntrackEntry::original,
                ConntrackEntry::zone);
    }

    @Override
    public void update(ConntrackUpdate update) {
        check("update", update);
        single("update", update, Requests::update, update.original(), false);
    }

    @Override
    public BulkResult update(Collection<ConntrackUpdate> updates) {
        check("updates", updates);
        updates.forEach(u -> check("updates", u));
        return bulk("update", updates, Requests::update, ConntrackUpdate::original,
                ConntrackUpdate::zone);
    }

    @Override
    public boolean delete(ConntrackEntry entry) {
        check("entry", entry);
        return single("delete", entry, deleteEncoder(), entry.original(), true);
    }

    @Override
    public DeleteResult delete(Collection<ConntrackEntry> entries) {
        check("entries", entries);
        entries.forEach(e -> check("entries", e));
        long[] counts = new long[2]; // deleted, already gone
        List<Failure> failures = new ArrayList<>();
        runPipeline("delete", entries.iterator(), deleteEncoder(), (e, errno, msg) -> {
            if (errno == 0) {
                counts[0]++;
            } else if (errno == Errno.ENOENT) {
                counts[1]++;
            } else {
                failures.add(failure(e.original(), e.zone(), errno, msg));
            }
        }, () -> "deleted " + counts[0] + ", already gone " + counts[1] + ", failed " + failures.size());
        return new DeleteResult(counts[0], counts[1], failures);
    }

    @Override
    public long deleteMatching(ConntrackFilter filter) {
        check("filter", filter);
        KernelFilter kf = KernelFilter.forFlush(filter, transport.features);
        if (kf.complete()) {
            // The kernel does not say how many a flush removed: count just before.
            long n = count(filter);
            flush("deleteMatching", kf);
            return n;
        }
        return dumpAndDelete(filter);
    }

    @Override
    public void flush() {
        flush("flush", KernelFilter.forFlush(ConntrackFilter.ALL, transport.features));
    }

    @Override
    public void flush(int zone) {
        ConntrackFilter f = ConntrackFilter.zone(zone);
        KernelFilter kf = KernelFilter.forFlush(f, transport.features);
        if (kf.complete()) {
            flush("flush", kf);
        } else {
            dumpAndDelete(f);
        }
    }

    @Override
    public ConntrackStatistics statistics() {
        long[] global = globalStatistics();
        List<CpuStatistics> cpus = new ArrayList<>();
        exchange("statistics", null, socket -> {
            MessageWriter w = new MessageWriter(64);
            int seq = socket.nextSeq();
            Requests.cpuStatistics(w, seq);
            socket.send(w.buffer(), w.length());
            MessageLoop.run(socket, seq, seq, new Handler() {
                @Override
                public void onMessage(MessageCursor m) throws MalformedMessageException {
                    if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_GET_STATS_CPU)) {
                        cpus.add(StatisticsDecoder.decodeCpu(m));
                    }
                }

                @Override
                public boolean onDone(int error, int flags) {
                    return true;
                }
            }.failingAs("statistics"));
            return null;
        });
        return new ConntrackStatistics(global[0], global[1], cpus);
    }

    @Override
    public Subscription subscribe(EventFilter filter, ConntrackListener listener) {
        check("filter", filter);
        check("listener", listener);
        if (transport.isClosed()) {
            throw new ConntrackException("events", "the conntrack service has been closed", netns);
        }
        ConntrackOptions o = transport.options;
        EventSubscription[] self = {null};
        EventSubscription s;
        try {
            s = EventSubscription.start(netns, filter, listener, o.eventBufferSize(), o.maxEventBufferSize(),
                    () -> {
                        synchronized (self) {
                            if (self[0] != null) {
                                transport.subscriptions.remove(self[0]);
                            }
                        }
                    });
        } catch (NetlinkIOException e) {
            if (netns != null && e.errno() == Errno.ENOENT) {
                throw new ConntrackException("events", e.errno(), "ENOENT",
                        "network namespace '" + netns + "' does not exist", null, netns, null, e);
            }
            throw Failures.of("events", e, netns, null);
        }
        synchronized (self) {
            self[0] = s;
            if (s.isOpen()) {
                transport.subscriptions.add(s);
            }
        }
        return s;
    }

    @Override
    public ConntrackService inNamespace(String netns) {
        NetworkNamespace.of(netns);
        return new NetlinkConntrackService(transport, netns, false);
    }

    @Override
    public String namespace() {
        return netns;
    }

    /** Closes the sockets of this service and all its namespace views; a view's close does nothing. */
    @Override
    public void close() {
        if (owner) {
            transport.close();
        }
    }

    /** Idle pooled sockets across namespaces (for tests of pooling and cleanup). */
    public int idleSockets() {
        return transport.idleSockets();
    }

    // ---- internals

    private Dump.Outcome dump(ConntrackFilter filter, boolean countOnly, Consumer<? super ConntrackEntry> action) {
        KernelFilter kf = KernelFilter.forDump(filter, transport.features);
        return exchange("dump", null, socket -> Dump.run(socket, filter, kf, countOnly, action, netns));
    }

    private long[] globalStatistics() {
        long[][] out = {null};
        exchange("statistics", null, socket -> {
            MessageWriter w = new MessageWriter(64);
            int seq = socket.nextSeq();
            Requests.statistics(w, seq);
            socket.send(w.buffer(), w.length());
            MessageLoop.run(socket, seq, seq, new Handler() {
                @Override
                public void onMessage(MessageCursor m) throws MalformedMessageException {
                    if (m.type() == ctnetlinkType(IPCTNL_MSG_CT_GET_STATS)) {
                        out[0] = StatisticsDecoder.decodeGlobal(m);
                    }
                }
            }.failingAs("statistics"));
            return null;
        });
        if (out[0] == null) {
            throw new ConntrackException("statistics", "the kernel sent no statistics", netns);
        }
        return out[0];
    }

    private void flush(String operation, KernelFilter kf) {
        exchange(operation, null, socket -> {
            MessageWriter w = new MessageWriter(256);
            int seq = socket.nextSeq();
            Requests.flush(w, seq, kf);
            socket.send(w.buffer(), w.length());
            MessageLoop.run(socket, seq, seq, new Handler().failingAs(operation));
            return null;
        });
    }

    /** Deletes what a filtered dump streams, on a second socket, batch by batch: memory stays bounded. */
    private long dumpAndDelete(ConntrackFilter filter) {
        long[] deleted = {0};
        List<Failure> failures = new ArrayList<>();
        NetlinkSocket deleter = transport.openDedicated("deleteMatching", netns);
        try {
            Pipeline<ConntrackEntry> pipeline = new Pipeline<>(deleter, transport.options.batchSize(),
                    deleteEncoder(), (e, errno, msg) -> {
                        if (errno == 0) {
                            deleted[0]++;
                        } else if (errno != Errno.ENOENT) {
                            failures.add(failure(e.original(), e.zone(), errno, msg));
                        }
                    });
            dump(filter, false, e -> {
                try {
                    pipeline.add(e);
                } catch (NetlinkIOException ex) {
                    throw Failures.of("deleteMatching", ex, netns, e.original());
                } catch (MalformedMessageException ex) {
                    throw Failures.malformed("deleteMatching", ex, netns);
                }
            });
            pipeline.flush();
        } catch (NetlinkIOException e) {
            throw Failures.of("deleteMatching (" + deleted[0] + " deleted so far)", e, netns, null);
        } catch (MalformedMessageException e) {
            throw Failures.malformed("deleteMatching (" + deleted[0] + " deleted so far)", e, netns);
        } finally {
            deleter.close();
        }
        throwFirst("deleteMatching (" + deleted[0] + " deleted, " + failures.size() + " failed)", failures);
        return deleted[0];
    }

    private <T> BulkResult bulk(String operation, Collection<T> items, Pipeline.Encoder<T> encoder,
                                Function<T, Tuple> tupleOf,
                                ToIntFunction<T> zoneOf) {
        long[] ok = {0};
        List<Failure> failures = new ArrayList<>();
        runPipeline(operation, items.iterator(), encoder, (item, errno, msg) -> {
            if (errno == 0) {
                ok[0]++;
            } else {
                failures.add(failure(tupleOf.apply(item), zoneOf.applyAsInt(item), errno, msg));
            }
        }, () -> "succeeded " + ok[0] + ", failed " + failures.size());
        return new BulkResult(ok[0], failures);
    }

    /** Runs a pipeline over the items; a transport failure reports what was done and what was not. */
    private <T> void runPipeline(String operation, Iterator<T> items, Pipeline.Encoder<T> encoder,
                                 Pipeline.Outcomes<T> outcomes, Supplier<String> progress) {
        long[] queued = {0};
        exchange(operation, null, socket -> {
            Pipeline<T> p = new Pipeline<>(socket, transport.options.batchSize(), encoder, outcomes);
            try {
                while (items.hasNext()) {
                    p.add(items.next());
                    queued[0]++;
                }
                p.flush();
            } catch (NetlinkIOException e) {
                long notAttempted = remaining(items);
                throw new ConntrackException(operation + " (" + progress.get() + ", " + p.unacknowledged()
                        + " with unknown outcome, " + notAttempted + " not attempted)", e.errno(),
                        Errno.name(e.errno()), Errno.text(e.errno()) + " in " + e.call(), null, netns, null, e);
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

    private static Pipeline.Encoder<ConntrackEntry> deleteEncoder() {
        return (w, seq, e) -> Requests.delete(w, seq, e.original(), e.zone(), e.id());
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

    /** A failure list turned into one exception naming the first failure and how many there were. */
    private void throwFirst(String operation, List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Failure f = failures.get(0);
        throw new ConntrackException(operation, ConntrackException.NO_ERRNO, f.errno(), f.message(), null, netns,
                f.tuple(), null);
    }

    /**
     * One request with an acknowledgement. Returns true on success, false for ENOENT when {@code absentIsFalse},
     * and throws the kernel's error otherwise.
     */
    private <T> boolean single(String operation, T item, Pipeline.Encoder<T> encoder, Tuple tuple,
                               boolean absentIsFalse) {
        int[] errno = {0};
        String[] message = {null};
        runPipeline(operation, List.of(item).iterator(), encoder, (i, e, m) -> {
            errno[0] = e;
            message[0] = m;
        }, () -> "no outcome");
        if (errno[0] == 0) {
            return true;
        }
        if (absentIsFalse && errno[0] == Errno.ENOENT) {
            return false;
        }
        throw Failures.kernel(operation, errno[0], message[0], netns, tuple);
    }

    private static void requireTimeout(ConntrackEntry e) {
        if (e.timeout() == ConntrackEntry.NO_TIMEOUT) {
            throw new IllegalArgumentException("timeout: required to create an entry (" + e.original() + ")");
        }
    }

    private ConntrackException interrupted() {
        return new ConntrackException("dump", ConntrackException.NO_ERRNO, "NLM_F_DUMP_INTR",
                "the table changed while it was dumped; entries may be missing or repeated, repeat the dump",
                null, netns, null, null);
    }

    /** Runs one exchange on a borrowed socket; the socket goes back to the pool only after a clean finish. */
    private <R> R exchange(String operation, Tuple tuple, Exchange<R> body) {
        NetlinkSocket socket = transport.acquire(operation, netns);
        boolean reusable = false;
        try {
            R r = body.run(socket);
            reusable = true;
            return r;
        } catch (NetlinkIOException e) {
            throw Failures.of(operation, e, netns, tuple);
        } catch (MalformedMessageException e) {
            throw Failures.malformed(operation, e, netns);
        } finally {
            transport.release(netns, socket, reusable);
        }
    }

    private interface Exchange<R> {
        R run(NetlinkSocket socket) throws NetlinkIOException, MalformedMessageException;
    }

    /** A handler for single requests: data ignored, an error fails the operation, the acknowledgement ends it. */
    private class Handler implements MessageLoop.Handler {
        private String operation = "request";

        Handler failingAs(String op) {
            this.operation = op;
            return this;
        }

        @Override
        public void onMessage(MessageCursor m) throws MalformedMessageException {
        }

        @Override
        public boolean onError(NetlinkError error) {
            if (error.isAck()) {
                return true;
            }
            throw Failures.kernel(operation, error.errno(), error.message(), netns, null);
        }

        @Override
        public boolean onDone(int error, int flags) {
            if (error != 0) {
                throw Failures.kernel(operation, error, null, netns, null);
            }
            return true;
        }
    }

    private static <T> T check(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }
}
