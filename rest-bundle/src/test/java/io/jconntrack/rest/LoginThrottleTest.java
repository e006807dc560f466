package io.jconntrack.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LoginThrottleTest {
    private static final long WINDOW = 60_000;

    @Test
    public void anAddressIsHeldBackAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        LoginThrottle t = new LoginThrottle(3, WINDOW);
        t.failed("192.0.2.1", "alice", 1_000);
        t.failed("192.0.2.1", "bob", 2_000);
        assertEquals(0, t.retryAfterMillis("192.0.2.1", "carol", 2_500));
        t.failed("192.0.2.1", "carol", 3_000);
        assertEquals("held until the first failure is a window old", 1_000 + WINDOW - 3_500,
                t.retryAfterMillis("192.0.2.1", "dave", 3_500));
        assertEquals("another address is not held back", 0, t.retryAfterMillis("192.0.2.2", "dave", 3_500));
        assertEquals(0, t.retryAfterMillis("192.0.2.1", "dave", 1_000 + WINDOW));
    }

    @Test
    public void aUserIsHeldBackWhenGuessedFromManyAddresses() {
        LoginThrottle t = new LoginThrottle(2, WINDOW);
        for (int i = 0; i < 2 * LoginThrottle.USER_FACTOR; i++) {
            t.failed("198.51.100." + i, "admin", 1_000 + i);
        }
        assertTrue(t.retryAfterMillis("198.51.100.200", "admin", 2_000) > 0);
        assertEquals(0, t.retryAfterMillis("198.51.100.200", "alice", 2_000));
    }

    @Test
    public void aSuccessClearsItsAddress() {
        LoginThrottle t = new LoginThrottle(2, WINDOW);
        t.failed("192.0.2.1", "alice", 1_000);
        t.succeeded("192.0.2.1");
        t.failed("192.0.2.1", "alice", 2_000);
        assertEquals(0, t.retryAfterMillis("192.0.2.1", "alice", 2_001));
    }

    @Test
    public void memoryIsBoundedWhateverTheNumberOfNames() {
        LoginThrottle t = new LoginThrottle(1, WINDOW);
        for (int i = 0; i < 3 * LoginThrottle.MAX_TRACKED; i++) {
            t.failed("a" + i, "u" + i, 1_000);
        }
        assertEquals("the oldest were forgotten", 0, t.failures("a0", 1_001));
        assertEquals(1, t.failures("a" + (3 * LoginThrottle.MAX_TRACKED - 1), 1_001));
    }

    @Test
    public void failingWithThousandsOfOtherNamesDoesNotReleaseAHeldUser() {
        LoginThrottle t = new LoginThrottle(2, WINDOW);
        for (int i = 0; i < 2 * LoginThrottle.USER_FACTOR; i++) {
            t.failed("198.51.100." + i, "victim", 1_000);
        }
        for (int i = 0; i < 2 * LoginThrottle.MAX_TRACKED; i++) {
            t.failed("203.0.113." + (i % 200) + "." + i, "name" + i, 2_000);
        }
        assertTrue("still held back", t.retryAfterMillis("192.0.2.99", "victim", 3_000) > 0);
    }
}
