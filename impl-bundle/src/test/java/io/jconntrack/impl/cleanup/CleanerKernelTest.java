package io.jconntrack.impl.cleanup;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.Cidr;
import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Device;
import io.jconntrack.api.Direction;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SecurityGroupRule;
import io.jconntrack.api.TcpState;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.impl.service.NetlinkConntrackService;
import io.jconntrack.testsupport.TestNamespace;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Neutron's cleanup cases against the kernel, checked with the conntrack CLI, in a namespace of the test's own. */
public class CleanerKernelTest {

    private static ConntrackEntry tcp(String src, String dst, int sport, int dport, int zone) throws Exception {
        return ConntrackEntry.builder(Tuple.tcp(ip(src), ip(dst), sport, dport)).zone(zone).timeout(600)
                .tcpState(TcpState.ESTABLISHED).build();
    }

    @Test
    public void ruleRemoteAndZoneCleanup() throws Exception {
        try (TestNamespace ns = TestNamespace.create("jct-clean");
             NetlinkConntrackService root = Conntrack.open();
             CleanupWorker cleaner = new CleanupWorker(root)) {
            ConntrackService ct = root.inNamespace(ns.name());
            ct.create(List.of(
                    tcp("198.51.100.1", "192.0.2.10", 1000, 22, 4097),
                    tcp("198.51.100.1", "192.0.2.10", 1001, 80, 4097),
                    tcp("198.51.100.1", "192.0.2.10", 1002, 8080, 4097),
                    tcp("203.0.113.1", "192.0.2.10", 1003, 22, 4097),   // remote outside the rule's prefix
                    tcp("192.0.2.10", "198.51.100.9", 1004, 443, 4097),  // egress
                    tcp("198.51.100.1", "192.0.2.20", 1000, 22, 4098),  // other device, other zone
                    tcp("192.0.2.20", "198.51.100.1", 1005, 53, 4098),
                    tcp("2001:db8::1", "2001:db8::10", 1000, 22, 4097)));
            Device d1 = new Device(Set.of(ip("192.0.2.10"), ip("2001:db8::10")), 4097);
            Device d2 = new Device(Set.of(ip("192.0.2.20")), 4098);
            var c = cleaner.inNamespace(ns.name());

            SecurityGroupRule ssh = new SecurityGroupRule(Direction.INGRESS, AddressFamily.IPV4, Protocol.TCP, 22, 80,
                    Cidr.parse("remote", "198.51.100.0/24"));
            assertEquals(2, c.deleteRuleState(ssh, List.of(d1)).toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .deleted());
            assertEquals(6, ns.cliCount());
            assertEquals(1, ns.cliCount("-d", "192.0.2.10", "-p", "tcp", "--dport", "8080"));
            assertEquals(1, ns.cliCount("-s", "203.0.113.1"));

            assertEquals(2, c.deleteRemoteState(List.of(d2), List.of(ip("198.51.100.1")), null).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).deleted());
            assertEquals(0, ns.cliCount("-w", "4098"));

            SecurityGroupRule v6ssh = new SecurityGroupRule(Direction.INGRESS, AddressFamily.IPV6, Protocol.TCP, 22,
                    22, null);
            assertEquals(1, c.deleteRuleState(v6ssh, List.of(d1)).toCompletableFuture().get(30, TimeUnit.SECONDS)
                    .deleted());
            assertEquals(0, ns.cliCount("-f", "ipv6"));
            assertEquals("the IPv4 entries of d1 are untouched", 3, ns.cliCount("-w", "4097"));

            assertEquals(3, c.deleteZoneState(4097).toCompletableFuture().get(30, TimeUnit.SECONDS).deleted());
            assertEquals(0, ns.cliCount());
        }
    }
}
