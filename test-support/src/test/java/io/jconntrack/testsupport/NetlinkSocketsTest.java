package io.jconntrack.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The count reads only conntrack netlink sockets: descriptors of other kinds, opened or closed, do not move it. */
public class NetlinkSocketsTest {

    /** As /proc/net/netlink prints it (Linux 6.x); protocol 12 is NETLINK_NETFILTER, 0 NETLINK_ROUTE. */
    private static final String TABLE = String.join("\n",
            "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode",
            "000000004936d4f3 0   0          00000000 0        0        0     2        0        4       ",
            "00000000a1b2c3d4 12  4026531840 00000000 0        0        0     2        0        91234   ",
            "00000000a1b2c3d5 12  -4132      0000000e 0        0        0     2        0        91240   ",
            "00000000e5f6a7b8 9   1          00000000 0        0        0     2        0        15      ",
            "");

    @Test
    public void theTableGivesTheInodesOfOneProtocol() {
        assertEquals(Set.of(91234L, 91240L), NetlinkSockets.inodes(TABLE, NetlinkSockets.NETLINK_NETFILTER));
        assertEquals(Set.of(4L), NetlinkSockets.inodes(TABLE, 0));
        assertEquals(Set.of(), NetlinkSockets.inodes(TABLE.lines().findFirst().orElseThrow(), 12));
    }

    @Test
    public void filesPipesAndOtherSocketsAreNotCounted() throws Exception {
        int before = NetlinkSockets.count();
        Path file = Files.createTempFile("jct-fd", ".txt");
        try (InputStream in = Files.newInputStream(file);
             ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Pipe pipe = Pipe.open();
            try {
                List<Long> sockets = NetlinkSockets.socketInodes();
                assertTrue("the TCP and UDP sockets are socket descriptors: " + sockets, sockets.size() >= 2);
                assertEquals("a file, a pipe, a TCP and a UDP socket more", before, NetlinkSockets.count());
            } finally {
                pipe.source().close();
                pipe.sink().close();
            }
        } finally {
            Files.delete(file);
        }
        assertEquals("and closed again", before, NetlinkSockets.count());
    }
}
