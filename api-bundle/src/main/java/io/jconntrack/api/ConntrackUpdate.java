package io.jconntrack.api;

import java.io.Serializable;
import java.util.Set;

/**
 * A change to one existing entry, found by its original tuple and zone. Fields left {@code null} keep their value.
 * The kernel refuses to clear {@code SEEN_REPLY} or {@code ASSURED} and to touch NAT bits. A TCP state applies to
 * TCP entries only.
 */
public record ConntrackUpdate(Tuple original, int zone, Long mark, Long timeout, Set<StatusFlag> status,
                              Set<Integer> labels, TcpState tcpState) implements Serializable {

    public ConntrackUpdate {
        Limits.checkNotNull("original", original);
        Limits.checkZone("zone", zone);
        if (mark != null) {
            Limits.checkRangeLong("mark", mark, 0, Limits.MAX_MARK);
        }
        if (timeout != null) {
            Limits.checkRangeLong("timeout", timeout, 0, Limits.MAX_TIMEOUT);
        }
        status = status == null ? null : Set.copyOf(status);
        if (labels != null) {
            for (Integer bit : labels) {
                Limits.checkRange("labels", Limits.checkNotNull("labels", bit), 0, Limits.MAX_LABEL_BIT);
            }
            labels = Set.copyOf(labels);
        }
        if (tcpState != null && !original.protocol().equals(Protocol.TCP)) {
            throw new IllegalArgumentException("state: a TCP state does not apply to protocol " + original.protocol());
        }
        if (mark == null && timeout == null && status == null && labels == null && tcpState == null) {
            throw new IllegalArgumentException("update: nothing to change; give mark, timeout, status, labels or "
                    + "TCP state");
        }
    }

    public static Builder of(Tuple original, int zone) {
        return new Builder(original, zone);
    }

    /** Collects the fields to change. */
    public static final class Builder {
        private final Tuple original;
        private final int zone;
        private Long mark;
        private Long timeout;
        private Set<StatusFlag> status;
        private Set<Integer> labels;
        private TcpState tcpState;

        private Builder(Tuple original, int zone) {
            this.original = original;
            this.zone = zone;
        }

        public Builder mark(long mark) {
            this.mark = mark;
            return this;
        }

        public Builder timeout(long seconds) {
            this.timeout = seconds;
            return this;
        }

        public Builder status(Set<StatusFlag> status) {
            this.status = status;
            return this;
        }

        public Builder labels(Set<Integer> labels) {
            this.labels = labels;
            return this;
        }

        public Builder tcpState(TcpState state) {
            this.tcpState = state;
            return this;
        }

        public ConntrackUpdate build() {
            return new ConntrackUpdate(original, zone, mark, timeout, status, labels, tcpState);
        }
    }
}
