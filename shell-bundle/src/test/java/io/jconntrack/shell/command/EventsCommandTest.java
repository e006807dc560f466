package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventType;
import io.jconntrack.api.Protocol;
import io.jconntrack.shell.Entries;
import io.jconntrack.shell.FakeConntrackService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class EventsCommandTest {
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeConntrackService fake = new FakeConntrackService();

    @Before
    public void setUp() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @After
    public void tearDown() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    /** Emits events from another thread once the command has subscribed, as the kernel would. */
    private void emitLater(Runnable r) {
        Thread t = new Thread(() -> {
            while (fake.listeners.isEmpty()) {
                Thread.onSpinWait();
            }
            r.run();
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    public void printsEventsLikeConntrackDashEAndALineForLostEvents() throws Exception {
        emitLater(() -> {
            ConntrackListener l = fake.listeners.get(0);
            l.onEvent(new ConntrackEvent(EventType.NEW, Entries.udp()));
            l.onOverflow(1);
            l.onEvent(new ConntrackEvent(EventType.DESTROY, Entries.udp()));
        });
        EventsCommand c = new EventsCommand();
        c.service = fake;
        c.proto = "udp";
        c.events = "new,destroy";
        c.count = "2";
        c.timeout = "10";
        c.execute();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0], lines[0].startsWith("    [NEW] udp      17 "));
        assertTrue(lines[1], lines[1].startsWith("[LOST] events were lost"));
        assertTrue(lines[2], lines[2].startsWith("[DESTROY] udp      17 "));
        assertEquals(Set.of(EventType.NEW, EventType.DESTROY), fake.subscribedFilters.get(0).types());
        assertEquals(Protocol.UDP, fake.subscribedFilters.get(0).selection().protocol());
        assertTrue("the subscription is closed at the end", fake.listeners.isEmpty());
        assertEquals("2 flow events have been shown.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void aBadEventTypeFailsWithOneLine() {
        EventsCommand c = new EventsCommand();
        c.service = fake;
        c.events = "new,create";
        org.apache.karaf.shell.support.CommandException e =
                org.junit.Assert.assertThrows(org.apache.karaf.shell.support.CommandException.class, c::execute);
        assertEquals("--event-mask: Bad parameter `create' (ALL, NEW, UPDATES, DESTROY)", e.getMessage());
        assertTrue("nothing subscribed: " + fake.subscribedFilters, fake.subscribedFilters.isEmpty());
    }
}
