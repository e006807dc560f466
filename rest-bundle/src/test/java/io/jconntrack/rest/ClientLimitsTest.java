package io.jconntrack.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class ClientLimitsTest {
    @Test
    public void aUserGetsItsShareAndNoMore() {
        ClientLimits limits = new ClientLimits(32, 2, 64, 4);
        ClientLimits.Permit a = limits.acquire(ClientLimits.Kind.LIST, "viewer", false);
        limits.acquire(ClientLimits.Kind.LIST, "viewer", false);
        TooManyRequests e = assertThrows(TooManyRequests.class,
                () -> limits.acquire(ClientLimits.Kind.LIST, "viewer", false));
        assertTrue(e.getMessage(), e.getMessage().contains("maxListStreamsPerUser 2"));
        limits.acquire(ClientLimits.Kind.LIST, "other", false); // others are not held back
        a.close();
        a.close(); // a second close gives nothing back twice
        limits.acquire(ClientLimits.Kind.LIST, "viewer", false);
        assertEquals(3, limits.inUse(ClientLimits.Kind.LIST));
    }

    @Test
    public void viewersLeaveTheAdminsReserve() {
        ClientLimits limits = new ClientLimits(8, 8, 16, 16);
        List<ClientLimits.Permit> held = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            held.add(limits.acquire(ClientLimits.Kind.EVENTS, "viewer" + i, false)); // 16 - 16/8 = 14 for viewers
        }
        assertThrows(TooManyRequests.class, () -> limits.acquire(ClientLimits.Kind.EVENTS, "late", false));
        limits.acquire(ClientLimits.Kind.EVENTS, "admin", true);
        limits.acquire(ClientLimits.Kind.EVENTS, "admin", true);
        assertThrows("the total holds for admins too", TooManyRequests.class,
                () -> limits.acquire(ClientLimits.Kind.EVENTS, "admin", true));
        held.forEach(ClientLimits.Permit::close);
        assertEquals(2, limits.inUse(ClientLimits.Kind.EVENTS));
    }
}
