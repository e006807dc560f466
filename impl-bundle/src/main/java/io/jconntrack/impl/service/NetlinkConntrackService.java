package io.jconntrack.impl.service;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.IPCTNL_MSG_CT_NEW;
import static io.jconntrack.impl.ctnetlink.NfnetlinkConstants.ctnetlinkType;

import io.jconntrack.api.BulkResult;
import io.jconntrack.api.ConntrackChange;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.ConntrackStatistics;
import io.jconntrack.api.ConntrackTable;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ConntrackUpdate;
import io.jconntrack.api.CpuStatistics;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Limits;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.ctnetlink.CtnetlinkConstants;
import io.jconntrack.impl.ctnetlink.EntryCodec;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.ctnetlink.StatisticsCodec;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetworkNamespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ConntrackService} over ctnetlink for one network namespace. Thread-safe: each call borrows a socket of the
 * namespace's bounded pool. The root instance (from {@link io.jconntrack.impl.Conntrack}, or the DS component that
 * extends this class) owns the sockets of all its namespace views and closes them in {@link #close()}.
 */
public class NetlinkConntrackService implements ConntrackService, AutoCloseable {
    /** How often list and count repeat a dump the kernel marked inconsistent ({@code NLM_F_DUMP_INTR}). */
    static final int DUMP_ATTEMPTS = 3;

    private final Transport transport;
    private final String netns;
    private final boolean owner;
    private final Channel channel;
    private final Bulk bulk;
    private final NetlinkExpectationService expectations;

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
        this.channel = new Channel(transport, netns);
        this.bulk = new Bulk(channel);
        this.expectations = new NetlinkExpectationService(transport, channel, bulk);
    }

    @Override
    public List<ConntrackEntry> list(ConntrackFilter filter) {
        check("filter", filter);
        for (int attempt = 1; ; attempt++) {
            List<ConntrackEntry> out = new ArrayList<>();
            Dump.Outcome o = dump(filter, false, out::add);
            if (!o.interrupted()) {
                return out;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw interrupted();
            }
        }
    }

    @Override
    public long forEach(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        check("filter", filter);
        check("action", action);
        Dump.Outcome o = stream(filter, action);
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
            return globalStatistics().entries();
        }
        for (int attempt = 1; ; attempt++) {
            Dump.Outcome o = dump(filter, true, null);
            if (!o.interrupted()) {
                return o.count();
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw interrupted();
            }
        }
    }

    @Override
    public Optional<ConntrackEntry> get(Tuple original, int zone) {
        check("original", original);
        Limits.checkZone("zone", zone);
        return channel.request("get", original, Requests.ACKED,
                (w, seq, flags) -> Requests.get(w, seq, flags, original, zone), entryReply())
                .orFail("get", netns, original);
    }

    @Override
    public Optional<ConntrackEntry> getByReply(Tuple reply, int zone) {
        check("reply", reply);
        Limits.checkZone("zone", zone);
        return channel.request("get", reply, Requests.ACKED,
                (w, seq, flags) -> Requests.getByReply(w, seq, flags, reply, zone), entryReply())
                .orFail("get", netns, reply);
    }

    private static GetReply<ConntrackEntry> entryReply() {
        return new GetReply<>(ctnetlinkType(IPCTNL_MSG_CT_NEW), EntryCodec::decode);
    }


    @Override
    public void create(ConntrackEntry entry) {
        check("entry", entry);
        requireTimeout(entry);
        bulk.single("create", entry, Requests::create, entry.original(), 0);
    }

    @Override
    public BulkResult create(Collection<ConntrackEntry> entries) {
        check("entries", entries);
        for (ConntrackEntry e : entries) {
            requireTimeout(check("entries", e));
        }
        return bulk.run("create", entries, Requests::create, ConntrackEntry::original, ConntrackEntry::zone);
    }

    @Override
    public void update(ConntrackUpdate update) {
        check("update", update);
        bulk.single("update", update, Requests::update, update.original(), 0);
    }

    @Override
    public BulkResult update(Collection<ConntrackUpdate> updates) {
        check("updates", updates);
        updates.forEach(u -> check("updates", u));
        return bulk.run("update", updates, Requests::update, ConntrackUpdate::original, ConntrackUpdate::zone);
    }

    @Override
    public BulkResult update(ConntrackFilter filter, ConntrackChange change) {
        check("filter", filter);
        check("change", change);
        return bulk.updateStreamed(action -> dump(filter, false, action), change);
    }

    @Override
    public void createOrUpdate(ConntrackEntry entry) {
        check("entry", entry);
        requireTimeout(entry);
        // The kernel refuses NAT attributes when it changes an existing entry (EOPNOTSUPP), so this is a create
        // that, when the entry exists, becomes an update of what an update may change.
        if (bulk.single("createOrUpdate", entry, Requests::create, entry.original(), Errno.EEXIST)) {
            return;
        }
        ConntrackUpdate.Builder u = ConntrackUpdate.of(entry.original(), EntryCodec.lookupZone(entry))
                .timeout(entry.timeout()).mark(entry.mark());
        if (!entry.labels().isEmpty()) {
            u.labels(entry.labels());
        }
        if (!entry.status().isEmpty()) {
            u.status(entry.status());
        }
        if (entry.tcpState() != null) {
            u.tcpState(entry.tcpState());
        }
        update(u.build());
    }

    @Override
    public long forEachAndZero(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        check("filter", filter);
        check("action", action);
        KernelFilter kf = KernelFilter.forDump(filter, transport.features);
        if (!filter.isEmpty() && !kf.complete()) {
            // The kernel zeroes every entry it reports; a selection it does not apply itself would zero entries
            // that are never handed out (the tool refuses -z with a selection altogether).
            throw new IllegalArgumentException("filter: " + filter + " is not applied by this kernel alone; counters "
                    + "can be zeroed for the whole table or a selection of family, mark, status and zone");
        }
        Dump.Outcome o = channel.stream("dump",
                socket -> Dump.run(socket, filter, kf, false, true, action, netns));
        if (o.interrupted()) {
            throw interrupted();
        }
        return o.count();
    }

    @Override
    public boolean delete(ConntrackEntry entry) {
        check("entry", entry);
        return bulk.deleteOne(entry);
    }

    @Override
    public DeleteResult delete(Collection<ConntrackEntry> entries) {
        check("entries", entries);
        entries.forEach(e -> check("entries", e));
        return bulk.delete(entries);
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
        Long flushed = flushSharedZone(filter);
        return flushed != null ? flushed : bulk.deleteStreamed(action -> dump(filter, false, action));
    }

    /**
     * {@code conntrack -D -w Z} as one kernel flush: the kernel's zone (CTA_ZONE, 6.8) matches the zone id in either
     * direction, the shared zone only entries zoned in both; they differ only for entries zoned in one direction.
     * So what the flush would remove is dumped first, with the flush's own selection (the kernel's zone Z and the
     * rest of the filter), reading only each entry's zone ({@link SharedZoneScan}): when none of them is zoned in one
     * direction the flush is sent and the entries counted are what it removed, else {@code null} (deleted entry by
     * entry). An entry zoned in one direction created in between could go with the flush: the same window as the
     * count's.
     */
    private Long flushSharedZone(ConntrackFilter filter) {
        Integer zone = filter.sharedZone();
        if (zone == null || zone == 0 || filter.zone() != null) {
            return null;
        }
        KernelFilter kf = KernelFilter.forSharedZoneFlush(filter.toBuilder().zone(zone).build(), transport.features);
        if (!kf.complete()) {
            return null;
        }
        SharedZoneScan.Tally t = channel.exchange("deleteMatching", null,
                socket -> Dump.run(socket, kf, new SharedZoneScan(zone, netns)));
        if (!t.flushable()) {
            return null;
        }
        flush("deleteMatching", kf);
        return t.shared();
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
            bulk.deleteStreamed(action -> dump(f, false, action));
        }
    }

    @Override
    public ConntrackStatistics statistics() {
        StatisticsCodec.Global global = globalStatistics();
        List<CpuStatistics> cpus = channel.request("statistics", null, Requests.UNACKED, Requests::cpuStatistics,
                new StatisticsReplies.PerCpu(netns));
        return new ConntrackStatistics(global.entries(), global.maxEntries(), cpus);
    }

    @Override
    public Subscription subscribe(EventFilter filter, ConntrackListener listener) {
        check("filter", filter);
        check("listener", listener);
        return transport.subscriptions.start(netns, EventKind.entries(filter, listener), transport.options);
    }

    @Override
    public long forEach(ConntrackTable table, ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        check("table", table);
        check("filter", filter);
        check("action", action);
        if (table == ConntrackTable.CONNTRACK) {
            return forEach(filter, action);
        }
        int msg = table == ConntrackTable.DYING ? CtnetlinkConstants.IPCTNL_MSG_CT_GET_DYING
                : CtnetlinkConstants.IPCTNL_MSG_CT_GET_UNCONFIRMED;
        Dump.Outcome o = channel.stream("dump " + table.name().toLowerCase(java.util.Locale.ROOT),
                socket -> Dump.runList(socket, msg, filter, action, netns));
        return o.count();
    }

    @Override
    public ExpectationService expectations() {
        return expectations;
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

    /** {@code os.version}: the JVM reads it from uname(2), and every namespace shares the kernel. */
    @Override
    public String kernelRelease() {
        return System.getProperty("os.version");
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

    /** Socket pools of namespaces other than the process's own (for tests of their bound). */
    public int namespacePools() {
        return transport.namespacePools();
    }

    // ---- internals

    /** A dump the service reads itself (list, count, dumps feeding deletes and updates): a short use. */
    private Dump.Outcome dump(ConntrackFilter filter, boolean countOnly, Consumer<? super ConntrackEntry> action) {
        KernelFilter kf = KernelFilter.forDump(filter, transport.features);
        return channel.exchange("dump", null, socket -> Dump.run(socket, filter, kf, countOnly, action, netns));
    }

    /** A dump handed to the caller's {@code action}, at the caller's pace. */
    private Dump.Outcome stream(ConntrackFilter filter, Consumer<? super ConntrackEntry> action) {
        KernelFilter kf = KernelFilter.forDump(filter, transport.features);
        return channel.stream("dump", socket -> Dump.run(socket, filter, kf, false, action, netns));
    }

    private StatisticsCodec.Global globalStatistics() {
        StatisticsCodec.Global global = channel.request("statistics", null, Requests.ACKED, Requests::statistics,
                new StatisticsReplies.Global(netns));
        if (global == null) {
            throw ConntrackException.failed("statistics", "the kernel sent no statistics").namespace(netns).build();
        }
        return global;
    }

    private void flush(String operation, KernelFilter kf) {
        channel.request(operation, null, Requests.ACKED,
                (w, seq, flags) -> Requests.flush(w, seq, flags, kf.selection()), new AckReply<Void>(operation, netns));
    }

    private static void requireTimeout(ConntrackEntry e) {
        if (e.timeout() == ConntrackEntry.NO_TIMEOUT) {
            throw new IllegalArgumentException("timeout: required to create an entry (" + e.original() + ")");
        }
        if (e.secmark() != 0) {
            // Linux 6.x neither sets nor reports CTA_SECMARK (it reports the security context instead).
            throw new IllegalArgumentException("secmark: " + e.secmark() + " cannot be set when creating an entry");
        }
    }

    private ConntrackException interrupted() {
        return Failures.dumpInterrupted("dump", "entries may be missing or repeated, repeat the dump", netns);
    }

    private static <T> T check(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }
}
