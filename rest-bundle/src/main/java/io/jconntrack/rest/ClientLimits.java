package io.jconntrack.rest;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares what long requests hold among users: a list stream holds one of the server's threads (and a netlink socket)
 * for as long as its client reads, an event stream a subscription (a socket and two threads). Each kind has a total
 * and a per-user bound, and the last eighth of the total (at least one) is kept for {@code admin}s, so that no
 * viewer, however many streams it opens, locks out the others or the operator.
 */
final class ClientLimits {
    /** What a request holds while it runs. */
    enum Kind {
        LIST("list streams"), EVENTS("event streams");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Map<Kind, Bound> bounds = new HashMap<>();

    ClientLimits(int maxListStreams, int maxListStreamsPerUser, int maxEventStreams, int maxEventStreamsPerUser) {
        bounds.put(Kind.LIST, new Bound(Kind.LIST, maxListStreams, maxListStreamsPerUser, "maxListStreams"));
        bounds.put(Kind.EVENTS, new Bound(Kind.EVENTS, maxEventStreams, maxEventStreamsPerUser, "maxEventStreams"));
    }

    /**
     * A slot of {@code kind} for {@code user}, given back by closing the permit (once; further closes do nothing).
     *
     * @throws TooManyRequests when the user has its share, or only the admins' reserve is left
     */
    Permit acquire(Kind kind, String user, boolean admin) {
        return bounds.get(kind).acquire(user, admin);
    }

    /** Slots of {@code kind} in use, for metrics and tests. */
    int inUse(Kind kind) {
        return bounds.get(kind).inUse();
    }

    /** A held slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Bound {
        private final Kind kind;
        private final int total;
        private final int perUser;
        private final int reserve;
        private final String setting;
        private final Map<String, Integer> byUser = new HashMap<>();
        private int used;

        Bound(Kind kind, int total, int perUser, String setting) {
            if (total < 1 || perUser < 1) {
                throw new IllegalArgumentException(setting + ": " + total + " and its per-user bound " + perUser
                        + " must be at least 1");
            }
            this.kind = kind;
            this.total = total;
            this.perUser = perUser;
            this.reserve = total < 2 ? 0 : Math.max(1, total / 8);
            this.setting = setting;
        }

        synchronized Permit acquire(String user, boolean admin) {
            int mine = byUser.getOrDefault(user, 0);
            if (mine >= perUser) {
                throw new TooManyRequests("user '" + user + "' has " + mine + " " + kind.label + " open, its share ("
                        + setting + "PerUser " + perUser + "); close one first", 0);
            }
            int limit = admin ? total : total - reserve;
            if (used >= limit) {
                throw new TooManyRequests(used + " " + kind.label + " are open, " + (admin ? "all (" + setting + " "
                        + total + ")" : "all but the admins' reserve (" + setting + " " + total + ")")
                        + "; retry when one ends", 0);
            }
            used++;
            byUser.put(user, mine + 1);
            return new Permit() {
                private boolean closed;

                @Override
                public void close() {
                    synchronized (Bound.this) {
                        if (!closed) {
                            closed = true;
                            used--;
                            byUser.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
                        }
                    }
                }
            };
        }

        synchronized int inUse() {
            return used;
        }
    }
}
