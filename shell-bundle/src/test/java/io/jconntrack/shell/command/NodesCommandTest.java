package io.jconntrack.shell.command;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class NodesCommandTest {

    @Test
    public void aNodesUrlIsShownWithoutUserInformation() {
        assertEquals("https://192.0.2.10:8443/", NodesCommand.shown("https://192.0.2.10:8443/"));
        assertEquals("-", NodesCommand.shown(null));
        assertEquals("https://192.0.2.10:8443/", NodesCommand.shown("https://ctl:secret@192.0.2.10:8443/"));
        assertEquals("https://192.0.2.10/", NodesCommand.shown("https://ctl:se/c#r@et@192.0.2.10/"));
        assertEquals("-", NodesCommand.shown("ctl:secret@192.0.2.10"));
    }
}
