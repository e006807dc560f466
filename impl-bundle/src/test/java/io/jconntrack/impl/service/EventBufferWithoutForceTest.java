package io.jconntrack.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jconntrack.api.ConntrackEntry;
import io.jconntrack.api.ConntrackEvent;
import io.jconntrack.api.ConntrackListener;
import io.jconntrack.api.EventFilter;
import io.jconntrack.api.Tuple;
import io.jconntrack.impl.Conntrack;
import io.jconntrack.testsupport.Preconditions;
import io.jconntrack.testsupport.Processes;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Root of a user namespace of its own (as in an unprivileged container) may join the conntrack groups of its network
 * namespace but not force a receive buffer past {@code net.core.rmem_max}: SO_RCVBUFFORCE checks CAP_NET_ADMIN in
 * the initial user namespace. A child JVM runs under {@code unshare --user --map-root-user --net} (a network
 * namespace that ends with it), subscribes with the default configuration and creates one entry; the parent checks
 * the capped size, the logged note, and that events still arrive.
 */
public class EventBufferWithoutForceTest {

    @Test
    public void aRefusedForceFallsBackToTheCappedBufferWithALoggedNote() throws Exception {
        Preconditions.requireKernel();
        String unshare = Preconditions.requireExecutable("unshare", "util-linux").toString();
        int rmemMax;
        // procfs reports size 0: Files.readString would return the first byte only
        try (java.io.InputStream in = Files.newInputStream(Paths.get("/proc/sys/net/core/rmem_max"))) {
            rmemMax = Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim());
        }
        if (rmemMax >= ConntrackOptions.DEFAULT_EVENT_BUFFER_SIZE) {
            Preconditions.skip("net.core.rmem_max (" + rmemMax + ") is not below the default event buffer: the "
                    + "fallback cannot be told apart");
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Processes.Result r = Processes.run(List.of(unshare, "--user", "--map-root-user", "--net", java, "-cp",
                System.getProperty("java.class.path"), Child.class.getName()));
        System.out.println(r.out() + r.err());
        assertEquals(r.err(), 0, r.exit());
        assertTrue("capped at net.core.rmem_max " + rmemMax + ": " + r.out(),
                r.out().lines().anyMatch(l -> l.equals("granted=" + rmemMax)));
        assertTrue("the subscription works with the smaller buffer: " + r.out(), r.out().contains("event=NEW"));
        assertTrue("the fallback is logged: " + r.err(), r.err().contains("SO_RCVBUFFORCE was refused"));
        assertTrue("the fallback is logged with the size: " + r.err(),
                r.err().contains("receive buffer is " + rmemMax + " bytes"));
    }

    /** Runs in the child JVM, root of its own user namespace, in a network namespace of its own. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            BlockingQueue<ConntrackEvent> events = new LinkedBlockingQueue<>();
            try (NetlinkConntrackService ct = Conntrack.open();
                 EventSubscription s = (EventSubscription) ct.subscribe(EventFilter.ALL, new ConntrackListener() {
                     @Override
                     public void onEvent(ConntrackEvent event) {
                         events.add(event);
                     }
                 })) {
                System.out.println("granted=" + s.grantedBufferSize());
                ct.create(ConntrackEntry.builder(Tuple.udp(InetAddress.getByName("192.0.2.1"),
                        InetAddress.getByName("198.51.100.1"), 1, 2)).timeout(60).build());
                ConntrackEvent e = events.poll(5, TimeUnit.SECONDS);
                System.out.println("event=" + (e == null ? "none" : e.type()));
            }
        }
    }
}
