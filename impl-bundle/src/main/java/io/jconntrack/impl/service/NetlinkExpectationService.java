package io.jconntrack.impl.service;

import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.DeleteResult;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Expectation;
import io.jconntrack.api.ExpectationFilter;
import io.jconntrack.api.ExpectationListener;
import io.jconntrack.api.ExpectationService;
import io.jconntrack.api.ExpectationStatistics;
import io.jconntrack.api.Limits;
import io.jconntrack.api.Subscription;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.ctnetlink.ExpectationCodec;
import io.jconntrack.impl.ctnetlink.ExpectationRequests;
import io.jconntrack.impl.ctnetlink.Requests;
import io.jconntrack.impl.netlink.MessageWriter;
import io.jconntrack.impl.socket.Errno;
import io.jconntrack.impl.socket.NetlinkIOException;
import io.jconntrack.impl.socket.SocketPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link ExpectationService} over ctnetlink's expectation subsystem for the namespace of one
 * {@link NetlinkConntrackService}, sharing its sockets. Thread-safe.
 */
final class NetlinkExpectationService implements ExpectationService {
    private final Transport transport;
    private final Channel channel;
    private final Bulk bulk;

    NetlinkExpectationService(Transport transport, Channel channel, Bulk bulk) {
        this.transport = transport;
        this.channel = channel;
        this.bulk = bulk;
    }

    @Override
    public List<Expectation> list(ExpectationFilter filter) {
        check("filter", filter);
        List<Expectation> out = new ArrayList<>();
        dump(filter, out::add, SocketPool.Use.SHORT);
        return out;
    }

    @Override
    public long forEach(ExpectationFilter filter, Consumer<? super Expectation> action) {
        check("filter", filter);
        check("action", action);
        return dump(filter, action, SocketPool.Use.STREAM);
    }

    @Override
    public long count(ExpectationFilter filter) {
        check("filter", filter);
        // As entry counts: a dump the table changed under is repeated (nothing was handed out yet).
        for (int attempt = 1; ; attempt++) {
            Dump.Outcome o = run(filter, null, SocketPool.Use.SHORT);
            if (!o.interrupted()) {
                return o.count();
            }
            if (attempt == NetlinkConntrackService.DUMP_ATTEMPTS) {
                throw interrupted();
            }
        }
    }

    private long dump(ExpectationFilter filter, Consumer<? super Expectation> action, SocketPool.Use use) {
        Dump.Outcome o = run(filter, action, use);
        if (o.interrupted()) {
            throw interrupted(); // values were handed out already: a silent retry would repeat them
        }
        return o.count();
    }

    private Dump.Outcome run(ExpectationFilter filter, Consumer<? super Expectation> action, SocketPool.Use use) {
        return channel.exchange("expectations dump", null, use, socket -> {
            MessageWriter w = new MessageWriter(64);
            int seq = socket.nextSeq();
            ExpectationRequests.dump(w, seq, Requests.UNACKED, filter.family());
            socket.send(w.buffer(), w.length());
            DumpReply<Expectation> reply = new DumpReply<>("expectations dump",
                    type -> type == ExpectationReplies.EXP_NEW, ExpectationCodec::decode, filter::matches, false,
                    action, channel.netns);
            MessageLoop.run(socket, seq, seq, reply);
            return reply.result();
        });
    }

    private ConntrackException interrupted() {
        return Failures.dumpInterrupted("expectations dump", "repeat the dump", channel.netns);
    }

    @Override
    public Optional<Expectation> get(Tuple expected, int zone) {
        check("expected", expected);
        Limits.checkZone("zone", zone);
        return channel.request("get expectation", expected, Requests.ACKED,
                (w, seq, flags) -> ExpectationRequests.get(w, seq, flags, expected, zone),
                new GetReply<>(ExpectationReplies.EXP_NEW, ExpectationCodec::decode))
                .orFail("get expectation", channel.netns, expected);
    }

    @Override
    public void create(Expectation expectation) {
        check("expectation", expectation);
        if (expectation.timeout() == Expectation.NO_TIMEOUT) {
            throw new IllegalArgumentException("timeout: required to create an expectation ("
                    + expectation.expected() + ")");
        }
        bulk.single("create expectation", expectation, ExpectationRequests::create, expectation.expected(), 0);
    }

    @Override
    public boolean delete(Expectation expectation) {
        check("expectation", expectation);
        return bulk.single("delete expectation", expectation, ExpectationRequests::delete,
                expectation.expected(), Errno.ENOENT);
    }

    @Override
    public DeleteResult delete(Collection<Expectation> expectations) {
        check("expectations", expectations);
        expectations.forEach(x -> check("expectations", x));
        return bulk.delete(expectations, ExpectationRequests::delete, Expectation::expected, Expectation::zone);
    }

    @Override
    public long deleteMatching(ExpectationFilter filter) {
        check("filter", filter);
        if (filter.helper() != null && filter.equals(ExpectationFilter.builder().helper(filter.helper()).build())) {
            // The kernel deletes all of one helper's expectations in one request; it does not say how many.
            long n = count(filter);
            flushRequest(filter.helper());
            return n;
        }
        // Expectation tables are small (bounded per master by the helper's policy): list, then delete by id.
        DeleteResult r = delete(list(filter));
        if (!r.failures().isEmpty()) {
            throw ConntrackException.partial("deleteMatching expectations (" + r.deleted() + " deleted, "
                    + r.failures().size() + " failed)", r.failures().get(0)).namespace(channel.netns).build();
        }
        return r.deleted() + r.alreadyGone();
    }

    @Override
    public void flush() {
        flushRequest(null);
    }

    private void flushRequest(String helper) {
        channel.request("flush expectations", null, Requests.ACKED,
                (w, seq, flags) -> ExpectationRequests.flush(w, seq, flags, helper),
                new AckReply<Void>("flush expectations", channel.netns));
    }

    @Override
    public List<ExpectationStatistics> statistics() {
        return channel.request("expectation statistics", null, Requests.UNACKED, ExpectationRequests::statistics,
                new ExpectationReplies.PerCpu(channel.netns));
    }

    @Override
    public Subscription subscribe(Set<EventType> types, ExpectationFilter filter, ExpectationListener listener) {
        check("types", types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types: at least one of NEW, DESTROY is required");
        }
        types.forEach(t -> check("types", t));
        check("filter", filter);
        check("listener", listener);
        return transport.subscriptions.start(channel.netns, EventKind.expectations(types, filter, listener),
                transport.options);
    }

    @Override
    public String namespace() {
        return channel.netns;
    }

    private static <T> T check(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
        return value;
    }
}
