package io.jconntrack.bench;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's table: {@link #ZONES} zones holding the same tuples, so that two zones are identical and the
 * service and the CLI can each delete one. Within a zone, entry {@code i} has source {@code i % 10}: sources 0..8 are
 * IPv4 ({@code 192.0.2.1..9}), source 9 is IPv6 ({@code 2001:db8::1}), so a tenth of the table is IPv6; a third of
 * the entries are UDP, the rest TCP ESTABLISHED. One IPv4 source of one zone selects a hundredth of the table.
 */
final class Fixture {
    static final int ZONES = 10;
    static final int FIRST_ZONE = 1;
    static final int SOURCES = 10;
    /** Long enough that nothing expires during a run. */
    static final int TIMEOUT = 7200;

    private Fixture() {
    }

    static int perZone(int n) {
        return n / ZONES;
    }

    /** Entries in one zone; {@code perZone} must be a multiple of {@link #SOURCES}. */
    static List<ConntrackEntry> zone(int zone, int perZone) {
        InetAddress[] v4 = new InetAddress[SOURCES - 1];
        for (int s = 0; s < v4.length; s++) {
            v4[s] = ip("192.0.2." + (s + 1));
        }
        InetAddress v6 = ip("2001:db8::1");
        List<ConntrackEntry> out = new ArrayList<>(perZone);
        for (int i = 0; i < perZone; i++) {
            int s = i % SOURCES;
            int j = i / SOURCES;
            int port = 1024 + j % 60_000;
            int host = 1 + (j / 60_000) % 250;
            InetAddress src = s < v4.length ? v4[s] : v6;
            InetAddress dst = s < v4.length ? ip("198.51.100." + host) : ip("2001:db8:1::" + Integer.toHexString(host));
            boolean udp = j % 3 == 0;
            Tuple t = Tuple.of(udp ? Protocol.UDP : Protocol.TCP, src, dst, port, 80);
            ConntrackEntry.Builder b = ConntrackEntry.builder(t).zone(zone).timeout(TIMEOUT);
            if (!udp) {
                b.tcpState(TcpState.ESTABLISHED);
            }
            out.add(b.build());
        }
        return out;
    }

    /** The entries of one IPv4 source in one zone: {@code perZone / SOURCES} of them. */
    static ConntrackFilter selection(int zone) {
        return ConntrackFilter.builder().family(AddressFamily.IPV4).zone(zone).source(selectionSource()).build();
    }

    static String selectionSource() {
        return "192.0.2.1";
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text); // literals only: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
