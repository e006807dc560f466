package io.jconntrack.impl.ctnetlink;

import io.jconntrack.impl.netlink.MalformedMessageException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Recently decoded addresses, so that a dump does not allocate an {@link InetAddress} for every address of every
 * entry: a reply tuple repeats the original's addresses, and busy tables repeat a few hosts. Compared byte by byte
 * in the receive buffer; a miss replaces the oldest slot. One per dump or subscription: not thread-safe.
 */
public final class AddressCache {
    private static final int SLOTS = 8;
    private final byte[][] bytes = new byte[SLOTS][];
    private final InetAddress[] addresses = new InetAddress[SLOTS];
    private int next;

    /** The address in {@code buf[offset, offset + length)}. */
    public InetAddress get(ByteBuffer buf, int offset, int length) throws MalformedMessageException {
        for (int i = 0; i < SLOTS; i++) {
            byte[] b = bytes[i];
            if (b != null && b.length == length && equal(b, buf, offset)) {
                return addresses[i];
            }
        }
        byte[] copy = new byte[length];
        buf.get(offset, copy);
        InetAddress a;
        try {
            // Inet6Address explicitly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into an IPv4 address,
            // and the IPv6 entry carrying it would no longer be of its own family.
            a = length == 16 ? Inet6Address.getByAddress(null, copy, -1) : InetAddress.getByAddress(copy);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("address of " + length + " bytes");
        }
        bytes[next] = copy;
        addresses[next] = a;
        next = (next + 1) % SLOTS;
        return a;
    }

    private static boolean equal(byte[] b, ByteBuffer buf, int offset) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != buf.get(offset + i)) {
                return false;
            }
        }
        return true;
    }
}
