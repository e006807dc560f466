package io.jconntrack.remote;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.Test;

public class ServerSentEventsTest {

    @Test
    public void readsNamedEventsJoinsDataLinesAndSkipsComments() throws Exception {
        String stream = ": keep-alive\n\nevent: open\ndata: {\"netns\":null}\n\n"
                + "event: NEW\ndata: {\"a\":1,\ndata:\"b\":2}\n\n"
                + "data: unnamed\n\n"
                + "event: lost\n\n" // no data: ignored
                + "event: lost\r\ndata:{\"overflows\":1}\r\n\r\n"
                + "event: DESTROY\ndata: {}\n"; // cut before its blank line: not an event
        ServerSentEvents sse = new ServerSentEvents(new BufferedReader(new StringReader(stream)));
        assertEquals(new ServerSentEvents.Event("open", "{\"netns\":null}"), sse.next());
        assertEquals(new ServerSentEvents.Event("NEW", "{\"a\":1,\n\"b\":2}"), sse.next());
        assertEquals(new ServerSentEvents.Event("message", "unnamed"), sse.next());
        assertEquals(new ServerSentEvents.Event("lost", "{\"overflows\":1}"), sse.next());
        assertNull(sse.next());
    }
}
