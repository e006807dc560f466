package io.jconntrack.api;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Set;

/**
 * A change applied to every entry a filter selects, as {@code conntrack -U} applies its options (see
 * {@link ConntrackService#update(ConntrackFilter, ConntrackChange)}). Fields left {@code null} (or empty) change
 * nothing.
 *
 * @param mark the new mark: {@code (old & ~markMask) ^ mark}, as the kernel and the tool compute it
 * @param markMask the mark bits to change (all bits by default)
 * @param labelsToSet label bits to add
 * @param labelsToClear label bits to remove
 * @param status status flags to set (the kernel refuses to clear {@code SEEN_REPLY} or {@code ASSURED})
 * @param timeout the new timeout in seconds
 */
public record ConntrackChange(Long mark, long markMask, Set<Integer> labelsToSet, Set<Integer> labelsToClear,
                              Set<StatusFlag> status, Long timeout) implements Serializable {

    public ConntrackChange {
        if (mark != null) {
            Limits.checkRangeLong("mark", mark, 0, Limits.MAX_MARK);
        }
        Limits.checkRangeLong("markMask", markMask, 0, Limits.MAX_MARK);
        labelsToSet = labels("labelsToSet", labelsToSet);
        labelsToClear = labels("labelsToClear", labelsToClear);
        Set<Integer> both = new HashSet<>(labelsToSet);
        both.retainAll(labelsToClear);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("labelsToClear: " + both + " are also to be set");
        }
        status = status == null ? Set.of() : Set.copyOf(status);
        if (timeout != null) {
            Limits.checkRangeLong("timeout", timeout, 0, Limits.MAX_TIMEOUT);
        }
        if (mark == null && labelsToSet.isEmpty() && labelsToClear.isEmpty() && status.isEmpty() && timeout == null) {
            throw new IllegalArgumentException("change: nothing to change; give mark, labels, status or timeout");
        }
    }

    private static Set<Integer> labels(String field, Set<Integer> bits) {
        if (bits == null) {
            return Set.of();
        }
        for (Integer bit : bits) {
            Limits.checkRange(field, Limits.checkNotNull(field, bit), 0, Limits.MAX_LABEL_BIT);
        }
        return Set.copyOf(bits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mark this change gives an entry whose mark is {@code old}. */
    public long markOf(long old) {
        return mark == null ? old : ((old & ~markMask) ^ mark) & Limits.MAX_MARK;
    }

    /** Whether applying the change to the entry would change anything (the tool skips entries it would not). */
    public boolean changes(ConntrackEntry e) {
        if (markOf(e.mark()) != e.mark()) {
            return true;
        }
        if (!e.labels().containsAll(labelsToSet)) {
            return true;
        }
        for (Integer bit : labelsToClear) {
            if (e.labels().contains(bit)) {
                return true;
            }
        }
        if (!e.hasAllStatus(status)) {
            return true;
        }
        return timeout != null && timeout != e.timeout();
    }

    /** Collects the fields to change. */
    public static final class Builder {
        private Long mark;
        private long markMask = Limits.MAX_MARK;
        private Set<Integer> labelsToSet;
        private Set<Integer> labelsToClear;
        private Set<StatusFlag> status;
        private Long timeout;

        private Builder() {
        }

        public Builder mark(long mark) {
            return mark(mark, Limits.MAX_MARK);
        }

        /** Changes only the bits of {@code mask}: new = (old & ~mask) ^ mark. */
        public Builder mark(long mark, long mask) {
            this.mark = mark;
            this.markMask = mask;
            return this;
        }

        public Builder labelsToSet(Set<Integer> bits) {
            this.labelsToSet = bits;
            return this;
        }

        public Builder labelsToClear(Set<Integer> bits) {
            this.labelsToClear = bits;
            return this;
        }

        public Builder status(Set<StatusFlag> flags) {
            this.status = flags;
            return this;
        }

        public Builder timeout(long seconds) {
            this.timeout = seconds;
            return this;
        }

        public ConntrackChange build() {
            return new ConntrackChange(mark, markMask, labelsToSet, labelsToClear, status, timeout);
        }
    }
}
