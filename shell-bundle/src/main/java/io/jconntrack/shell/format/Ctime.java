package io.jconntrack.shell.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** A time as C's {@code ctime} writes it (without its newline), in the local zone: {@code Mon Nov 30 04:21:35 2026}. */
final class Ctime {
    private Ctime() {
    }

    static String format(long epochSecond, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(zone);
        // ctime's format is "%.3s %.3s%3d %.2d:%.2d:%.2d %d": the day of the month is padded with a space.
        return String.format(Locale.ROOT, "%s %s%3d %02d:%02d:%02d %d",
                t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }
}
