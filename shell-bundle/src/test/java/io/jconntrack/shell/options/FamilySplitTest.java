package io.jconntrack.shell.options;

import static org.junit.Assert.assertEquals;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import java.util.List;
import org.junit.Test;

public class FamilySplitTest {

    @Test
    public void splitsOnlyProtocolWithoutFamily() {
        ConntrackFilter tcp = ConntrackFilter.builder().protocol(Protocol.TCP).zone(5).build();
        assertEquals(List.of(tcp.toBuilder().family(AddressFamily.IPV4).build(),
                tcp.toBuilder().family(AddressFamily.IPV6).build()), FamilySplit.of(tcp));
        ConntrackFilter icmp = ConntrackFilter.builder().protocol(Protocol.ICMP).build();
        assertEquals(List.of(icmp.toBuilder().family(AddressFamily.IPV4).build()), FamilySplit.of(icmp));
        assertEquals(List.of(ConntrackFilter.ALL), FamilySplit.of(ConntrackFilter.ALL));
        ConntrackFilter v6 = tcp.toBuilder().family(AddressFamily.IPV6).build();
        assertEquals(List.of(v6), FamilySplit.of(v6));
    }
}
