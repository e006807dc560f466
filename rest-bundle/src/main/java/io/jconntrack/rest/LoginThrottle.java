package io.jconntrack.rest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code windowMillis} from one client
 * address, or for one user name from anywhere, further attempts of that address or user are refused without asking
 * the realm until the oldest failure leaves the window ({@code 429} with {@code Retry-After}). A successful login
 * clears its address. Per-user limits are higher than per-address ones ({@value #USER_FACTOR}x), so that guessing
 * from many addresses is slowed too while a single guessing address locks out itself first.
 * Memory is bounded: at most {@value #MAX_TRACKED} addresses and as many user names are tracked (the least recently
 * failed that are not held back are forgotten first).
 */
final class LoginThrottle {
    static final int USER_FACTOR = 3;
    static final int MAX_TRACKED = 4096;

    private final int maxFailures;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> byAddress = lru();
    private final Map<String, ArrayDeque<Long>> byUser = lru();

    LoginThrottle(int maxFailures, long windowMillis) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxLoginFailures: " + maxFailures + " is below 1");
        }
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
    }

    /** Milliseconds until {@code address} or {@code user} may try again; 0 when they may now. */
    synchronized long retryAfterMillis(String address, String user, long now) {
        return Math.max(wait(byAddress.get(address), maxFailures, now),
                wait(byUser.get(user), maxFailures * USER_FACTOR, now));
    }

    /** Records a failed login. */
    synchronized void failed(String address, String user, long now) {
        record(byAddress, address, maxFailures, now);
        record(byUser, user, maxFailures * USER_FACTOR, now);
    }

    /** A successful login clears its address: a user who mistyped is not held back after getting it right. */
    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    /** Failures recorded for {@code address} within the window, for logs. */
    synchronized int failures(String address, long now) {
        ArrayDeque<Long> times = byAddress.get(address);
        if (times == null) {
            return 0;
        }
        expire(times, now);
        return times.size();
    }

    private long wait(ArrayDeque<Long> times, int limit, long now) {
        if (times == null) {
            return 0;
        }
        expire(times, now);
        return times.size() < limit ? 0 : times.peekFirst() + windowMillis - now;
    }

    private void record(Map<String, ArrayDeque<Long>> map, String key, int limit, long now) {
        ArrayDeque<Long> times = map.remove(key); // re-inserted: most recently failed last
        if (times == null) {
            times = new ArrayDeque<>();
        }
        expire(times, now);
        times.addLast(now);
        while (times.size() > limit) {
            times.removeFirst();
        }
        map.put(key, times);
        trim(map, limit, now);
    }

    private void expire(ArrayDeque<Long> times, long now) {
        for (Iterator<Long> i = times.iterator(); i.hasNext(); ) {
            if (now - i.next() >= windowMillis) {
                i.remove();
            } else {
                break;
            }
        }
    }

    private static Map<String, ArrayDeque<Long>> lru() {
        return new LinkedHashMap<>();
    }

    /**
     * Keeps {@code map} within {@link #MAX_TRACKED}: the least recently failed key that is not held back goes first,
     * so that failing with thousands of other names does not make the throttle forget a key it holds back (found by
     * probing: 4,100 names reset a user's hold). Only when every key is held back does the oldest go.
     */
    private void trim(Map<String, ArrayDeque<Long>> map, int limit, long now) {
        if (map.size() <= MAX_TRACKED) {
            return;
        }
        for (Iterator<Map.Entry<String, ArrayDeque<Long>>> i = map.entrySet().iterator(); i.hasNext(); ) {
            ArrayDeque<Long> times = i.next().getValue();
            if (wait(times, limit, now) == 0) {
                i.remove();
                return;
            }
        }
        Iterator<String> oldest = map.keySet().iterator();
        oldest.next();
        oldest.remove();
    }
}
