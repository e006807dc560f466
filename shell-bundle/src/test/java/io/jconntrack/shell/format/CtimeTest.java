package io.jconntrack.shell.format;

import static org.junit.Assert.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.Test;

public class CtimeTest {

    @Test
    public void asCtimeWithoutNewline() {
        // Printed by conntrack -L -o ktimestamp on a UTC machine.
        assertEquals("Mon Nov 30 04:21:35 2026", Ctime.format(1_796_012_495L, ZoneOffset.UTC));
    }

    @Test
    public void dayOfMonthPaddedWithASpaceAndLocalZone() {
        assertEquals("Sun Nov  1 00:00:00 2026", Ctime.format(1_793_491_200L, ZoneOffset.UTC));
        assertEquals("Sun Nov  1 01:00:00 2026", Ctime.format(1_793_491_200L, ZoneId.of("Europe/Paris")));
    }
}
