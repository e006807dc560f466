package io.jconntrack.impl.cleanup;

import static io.jconntrack.testsupport.Addresses.ip;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.AddressFamily;
import io.jconntrack.api.CleanupResult;
import io.jconntrack.api.ConntrackException;
import io.jconntrack.api.ConntrackFilter;
import io.jconntrack.api.ConntrackService;
import io.jconntrack.api.Device;
import io.jconntrack.api.Direction;
import io.jconntrack.api.Protocol;
import io.jconntrack.api.SecurityGroupRule;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** Queueing, merging and failure handling of the cleaner, against a recording stand-in for the service. */
public class CleanupWorkerTest {
    private final List<ConntrackFilter> deleted = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean blockFirst = true;
    private volatile boolean failZone7;

    private ConntrackService fake() {
        return (ConntrackService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConntrackService.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "deleteMatching": {
                            ConntrackFilter f = (ConntrackFilter) args[0];
                            if (blockFirst) {
                                blockFirst = false;
                                release.await(10, TimeUnit.SECONDS);
                            }
                            if (failZone7 && Integer.valueOf(7).equals(f.zone())) {
                                throw new ConntrackException("deleteMatching", "injected failure", null);
                            }
                            deleted.add(f);
                            return 3L;
                        }
                        case "inNamespace":
                            return proxy;
                        case "namespace":
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    public void aQueuedZoneFlushAnswersEveryRequestOfItsZone() throws Exception {
        try (CleanupWorker w = new CleanupWorker(fake())) {
            CompletableFuture<CleanupResult> busy = w.deleteZoneState(1).toCompletableFuture(); // blocks the worker
            Device d = new Device(Set.of(ip("192.0.2.10")), 5);
            SecurityGroupRule rule = new SecurityGroupRule(Direction.INGRESS, AddressFamily.IPV4, Protocol.TCP,
                    22, 22, null);
            CompletableFuture<CleanupResult> a = w.deleteRuleState(rule, List.of(d)).toCompletableFuture();
            CompletableFuture<CleanupResult> b = w.deleteZoneState(5).toCompletableFuture();
            CompletableFuture<CleanupResult> c = w.deleteRemoteState(List.of(d), List.of(ip("198.51.100.1")), null)
                    .toCompletableFuture();
            CompletableFuture<CleanupResult> other = w.deleteZoneState(6).toCompletableFuture();
            release.countDown();
            assertEquals(new CleanupResult(3, false), busy.get(10, TimeUnit.SECONDS));
            assertEquals(new CleanupResult(3, false), b.get(10, TimeUnit.SECONDS));
            assertEquals(new CleanupResult(3, true), a.get(10, TimeUnit.SECONDS));
            assertEquals(new CleanupResult(3, true), c.get(10, TimeUnit.SECONDS));
            assertEquals(new CleanupResult(3, false), other.get(10, TimeUnit.SECONDS));
            assertEquals("zone 1, one flush for zone 5, zone 6",
                    List.of(ConntrackFilter.zone(1), ConntrackFilter.zone(5), ConntrackFilter.zone(6)), deleted);
        }
    }

    @Test
    public void aFailingRequestFailsAloneAndTheWorkerGoesOn() throws Exception {
        blockFirst = false;
        failZone7 = true;
        try (CleanupWorker w = new CleanupWorker(fake())) {
            CompletableFuture<CleanupResult> bad = w.deleteZoneState(7).toCompletableFuture();
            CompletableFuture<CleanupResult> good = w.deleteZoneState(8).toCompletableFuture();
            ExecutionException e = assertThrows("expected the injected failure", ExecutionException.class,
                    () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue("the service's exception: " + e.getCause(), e.getCause() instanceof ConntrackException);
            assertEquals(3, good.get(10, TimeUnit.SECONDS).deleted());
        }
    }

    @Test
    public void rulesBecomeOneFilterPerMatchingAddress() throws Exception {
        blockFirst = false;
        try (CleanupWorker w = new CleanupWorker(fake())) {
            Device d = new Device(Set.of(ip("192.0.2.10"), ip("2001:db8::10")), 9);
            SecurityGroupRule egress = new SecurityGroupRule(Direction.EGRESS, AddressFamily.IPV6, Protocol.UDP,
                    53, 53, io.jconntrack.api.Cidr.parse("remote", "2001:db8:1::/48"));
            assertEquals(3, w.deleteRuleState(egress, List.of(d)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .deleted());
            assertEquals(List.of(ConntrackFilter.builder().zone(9).family(AddressFamily.IPV6).protocol(Protocol.UDP)
                    .source("2001:db8::10").destination("2001:db8:1::/48").destinationPort(53).build()), deleted);
        }
    }

    @Test
    public void badInputIsRefusedBeforeQueueing() throws Exception {
        try (CleanupWorker w = new CleanupWorker(fake())) {
            IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
                    () -> w.deleteZoneState(65536));
            assertTrue(zone.getMessage(), zone.getMessage().startsWith("zone: 65536"));
            IllegalArgumentException devices = assertThrows(IllegalArgumentException.class,
                    () -> w.deleteRemoteState(List.of(), List.of(ip("192.0.2.1")), null));
            assertTrue(devices.getMessage(), devices.getMessage().startsWith("devices:"));
            IllegalArgumentException ports = assertThrows(IllegalArgumentException.class,
                    () -> new SecurityGroupRule(Direction.INGRESS, AddressFamily.IPV4, Protocol.TCP, 90, 80, null));
            assertTrue(ports.getMessage(), ports.getMessage().startsWith("portMin: 90"));
            assertTrue("nothing was queued: " + deleted, deleted.isEmpty());
        }
    }
}
