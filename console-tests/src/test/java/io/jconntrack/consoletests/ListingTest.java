package io.jconntrack.consoletests;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ListingTest {

    @Test
    public void timeoutsIdsAndTimestampsArePlaceholders() {
        assertEquals("tcp      6 T ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 mark=0 use=1",
                Listing.normalised("tcp      6 95 ESTABLISHED src=192.0.2.1 dst=198.51.100.1 sport=1 dport=2 mark=0 use=1"));
        assertEquals("ipv4     2 udp      17 T src=192.0.2.1 id=ID",
                Listing.normalised("ipv4     2 udp      17 29 src=192.0.2.1 id=3129861"));
        assertEquals("-I -w 10 -t T -u SEEN_REPLY -s 192.0.2.1",
                Listing.normalised("-I -w 10 -t 49 -u SEEN_REPLY -s 192.0.2.1"));
        assertEquals("udp      17 T src=192.0.2.1 [start=TS] delta-time=DT",
                Listing.normalised("udp      17 29 src=192.0.2.1 [start=Mon Nov 30 04:00:00 2026] delta-time=12"));
    }

    @Test
    public void linesAreSortedBecauseTwoNamespacesDumpInTwoOrders() {
        assertEquals(List.of("a", "b"), Listing.normalised(List.of("b", "a")));
    }
}
