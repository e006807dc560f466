package io.jconntrack.impl.ctnetlink;

import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TIMESTAMP_START;
import static io.jconntrack.impl.ctnetlink.CtnetlinkConstants.CTA_TIMESTAMP_STOP;

import io.jconntrack.impl.netlink.AttributeCursor;
import io.jconntrack.impl.netlink.MalformedMessageException;
import java.time.Instant;

/** Decodes {@code CTA_TIMESTAMP} (nanoseconds since the epoch). Nothing encodes it: the kernel keeps the time. */
public final class TimestampCodec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Start and stop of an entry; null when absent. */
    public record Timestamps(Instant start, Instant stop) {
    }

    private TimestampCodec() {
    }

    public static Timestamps decode(AttributeCursor a) throws MalformedMessageException {
        Instant start = null;
        Instant stop = null;
        AttributeCursor ts = a.nested(CtnetlinkNames.TIMESTAMP);
        while (ts.next()) {
            if (ts.type() == CTA_TIMESTAMP_START) {
                start = instant(ts.be64());
            } else if (ts.type() == CTA_TIMESTAMP_STOP) {
                stop = instant(ts.be64());
            }
        }
        return new Timestamps(start, stop);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Long.divideUnsigned(nanos, NANOS_PER_SECOND),
                Long.remainderUnsigned(nanos, NANOS_PER_SECOND));
    }
}
