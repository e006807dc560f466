package io.jconntrack.api;

/** Every zone of the allocator's range is taken. */
public class ZoneExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final int last;

    public ZoneExhaustedException(int first, int last) {
        super("no free conntrack zone in range " + first + ".." + last + ": all " + (last - first + 1)
                + " zones are allocated or in use in the kernel's table");
        this.first = first;
        this.last = last;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }
}
