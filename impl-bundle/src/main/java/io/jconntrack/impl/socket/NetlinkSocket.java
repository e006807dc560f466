package io.jconntrack.impl.socket;

import static io.jconntrack.impl.netlink.NetlinkConstants.AF_NETLINK;
import static io.jconntrack.impl.netlink.NetlinkConstants.NETLINK_CAP_ACK;
import static io.jconntrack.impl.netlink.NetlinkConstants.NETLINK_EXT_ACK;
import static io.jconntrack.impl.netlink.NetlinkConstants.NETLINK_NETFILTER;
import static io.jconntrack.impl.netlink.NetlinkConstants.SOL_NETLINK;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code NETLINK_NETFILTER} socket with its native send and receive buffers. Not thread-safe: one user at a time
 * (the pool hands it out exclusively). It belongs to the network namespace of the thread that opened it.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** Larger than any datagram the kernel builds for a dump (it caps them at 32 KiB), so nothing is truncated. */
    public static final int READ_BUFFER_SIZE = 64 * 1024;
    /** {@code struct sockaddr_nl}: u16 family, u16 pad, u32 pid, u32 groups. */
    private static final int SOCKADDR_NL_SIZE = 12;

    private final int fd;
    private final Memory readMemory;
    private final ByteBuffer readBuffer;
    private Memory sendMemory;
    private int seq;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NetlinkSocket(int fd) {
        this.fd = fd;
        this.readMemory = new Memory(READ_BUFFER_SIZE);
        this.readBuffer = readMemory.getByteBuffer(0, READ_BUFFER_SIZE).order(ByteOrder.nativeOrder());
        this.sendMemory = new Memory(64 * 1024);
        // Sequence numbers start from the clock so that replies to an earlier user of the fd number never match.
        this.seq = (int) (System.nanoTime() & 0x3FFF_FFFF);
    }

    /**
     * Opens a socket in the calling thread's network namespace.
     *
     * @param receiveBufferSize SO_RCVBUF in bytes; must hold the acknowledgements of a whole pipelined batch
     * @param timeoutMillis how long a receive may wait before failing with {@code ETIMEDOUT}
     */
    public static NetlinkSocket open(int receiveBufferSize, int timeoutMillis) throws NetlinkIOException {
        int fd;
        try {
            fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_NETFILTER);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("socket(AF_NETLINK, NETLINK_NETFILTER)", e.getErrorCode());
        }
        NetlinkSocket s = new NetlinkSocket(fd);
        try {
            s.configure(receiveBufferSize, timeoutMillis);
            return s;
        } catch (NetlinkIOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void configure(int receiveBufferSize, int timeoutMillis) throws NetlinkIOException {
        try (Memory addr = new Memory(SOCKADDR_NL_SIZE)) {
            addr.clear();
            addr.setShort(0, (short) AF_NETLINK);
            // nl_pid 0: the kernel assigns a unique port id.
            LibC.bind(fd, addr, SOCKADDR_NL_SIZE);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("bind", e.getErrorCode());
        }
        setInt(SOL_NETLINK, NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK", false);
        setInt(SOL_NETLINK, NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK", false);
        // FORCE ignores net.core.rmem_max but needs CAP_NET_ADMIN; without it the plain option is capped.
        if (!setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, receiveBufferSize, "SO_RCVBUFFORCE", false)) {
            setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, receiveBufferSize, "SO_RCVBUF", false);
        }
        if (!setInt(LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, 1 << 20, "SO_SNDBUFFORCE", false)) {
            setInt(LibC.SOL_SOCKET, LibC.SO_SNDBUF, 1 << 20, "SO_SNDBUF", false);
        }
        try (Memory tv = new Memory(16)) {
            tv.setLong(0, timeoutMillis / 1000);
            tv.setLong(8, (timeoutMillis % 1000) * 1000L);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, 16);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("setsockopt(SO_RCVTIMEO)", e.getErrorCode());
        }
    }

    /** Sets an int option; returns false instead of failing when {@code required} is false. */
    public boolean setInt(int level, int option, int value, String name, boolean required)
            throws NetlinkIOException {
        try (Memory m = new Memory(4)) {
            m.setInt(0, value);
            LibC.setsockopt(fd, level, option, m, 4);
            return true;
        } catch (LastErrorException e) {
            if (required) {
                throw new NetlinkIOException("setsockopt(" + name + ")", e.getErrorCode());
            }
            return false;
        }
    }

    /**
     * Attaches a classic BPF program ({@code SO_ATTACH_FILTER}); each instruction is {code, jt, jf, k} as in
     * {@code struct sock_filter}.
     */
    public void attachFilter(java.util.List<io.jconntrack.impl.netlink.SocketFilter.Instruction> program)
            throws NetlinkIOException {
        try (Memory insns = new Memory(8L * program.size()); Memory fprog = new Memory(16)) {
            for (int i = 0; i < program.size(); i++) {
                var in = program.get(i);
                insns.setShort(8L * i, (short) in.code());
                insns.setByte(8L * i + 2, (byte) in.jt());
                insns.setByte(8L * i + 3, (byte) in.jf());
                insns.setInt(8L * i + 4, in.k());
            }
            fprog.clear();
            fprog.setShort(0, (short) program.size()); // struct sock_fprog: u16 len, then a pointer (aligned)
            fprog.setPointer(8, insns);
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, 16);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("setsockopt(SO_ATTACH_FILTER)", e.getErrorCode());
        }
    }

    /**
     * Sets SO_RCVBUF, forced past {@code net.core.rmem_max} where allowed ({@code SO_RCVBUFFORCE} needs
     * CAP_NET_ADMIN in the initial user namespace, so a container root may be refused it).
     *
     * @return whether the forced option was accepted; when not, the plain option was set and the kernel capped it
     */
    public boolean setReceiveBufferSize(int bytes) throws NetlinkIOException {
        if (setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes, "SO_RCVBUFFORCE", false)) {
            return true;
        }
        setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes, "SO_RCVBUF", true);
        return false;
    }

    /**
     * The receive buffer the kernel granted ({@code getsockopt(SO_RCVBUF)}): twice the size set, for its
     * bookkeeping overhead, or twice {@code net.core.rmem_max} when the plain option was capped.
     */
    public int receiveBufferSize() throws NetlinkIOException {
        try (Memory value = new Memory(4); Memory length = new Memory(4)) {
            length.setInt(0, 4);
            LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, value, length);
            return value.getInt(0);
        } catch (LastErrorException e) {
            throw new NetlinkIOException("getsockopt(SO_RCVBUF)", e.getErrorCode());
        }
    }

    /** Joins a netlink multicast group. */
    public void joinGroup(int group) throws NetlinkIOException {
        setInt(io.jconntrack.impl.netlink.NetlinkConstants.SOL_NETLINK,
                io.jconntrack.impl.netlink.NetlinkConstants.NETLINK_ADD_MEMBERSHIP, group,
                "NETLINK_ADD_MEMBERSHIP", true);
    }

    /**
     * The next sequence number. It runs through the whole u32 range and wraps like an int, so that "seq - first"
     * stays the request's position in a batch across the wrap (masking to 31 bits would break that at the wrap).
     */
    public int nextSeq() {
        return ++seq;
    }

    /** Sends bytes {@code [0, length)} of the buffer as one datagram. */
    public void send(ByteBuffer messages, int length) throws NetlinkIOException {
        ensureOpen();
        if (sendMemory.size() < length) {
            sendMemory.close();
            sendMemory = new Memory(Math.max(length, sendMemory.size() * 2));
        }
        byte[] bytes = messages.hasArray() ? messages.array() : copy(messages, length);
        sendMemory.write(0, bytes, messages.hasArray() ? messages.arrayOffset() : 0, length);
        try {
            long sent = LibC.send(fd, sendMemory, length, 0);
            if (sent != length) {
                throw new NetlinkIOException("send (short: " + sent + " of " + length + " bytes)", Errno.ENOBUFS);
            }
        } catch (LastErrorException e) {
            throw new NetlinkIOException("send", e.getErrorCode());
        }
    }

    /**
     * Receives one datagram. The returned buffer is valid until the next receive on this socket.
     *
     * @throws NetlinkIOException {@code ETIMEDOUT} after the timeout, {@code ENOBUFS} when the kernel dropped
     *     messages because the receive buffer was full
     */
    public ByteBuffer receive() throws NetlinkIOException {
        return receive(0);
    }

    /**
     * Receives one datagram if one is queued, without waiting: lets a reader take several datagrams per wakeup.
     *
     * @return the datagram, valid until the next receive on this socket, or {@code null} when none is queued
     * @throws NetlinkIOException {@code ENOBUFS} when the kernel dropped messages because the receive buffer was full
     */
    public ByteBuffer receiveIfQueued() throws NetlinkIOException {
        return receive(LibC.MSG_DONTWAIT);
    }

    private ByteBuffer receive(int flags) throws NetlinkIOException {
        ensureOpen();
        long n;
        try {
            // MSG_TRUNC makes recv return the datagram's real length, so truncation is detected.
            n = LibC.recv(fd, readMemory, READ_BUFFER_SIZE, LibC.MSG_TRUNC | flags);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN && (flags & LibC.MSG_DONTWAIT) != 0) {
                return null;
            }
            int errno = e.getErrorCode() == Errno.EAGAIN ? Errno.ETIMEDOUT : e.getErrorCode();
            throw new NetlinkIOException("recv", errno);
        }
        if (n > READ_BUFFER_SIZE) {
            throw new NetlinkIOException("recv (datagram of " + n + " bytes truncated)", Errno.ENOBUFS);
        }
        readBuffer.clear().limit((int) n);
        return readBuffer;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // Nothing useful to do: the descriptor is released by the kernel either way.
            }
            readMemory.close();
            sendMemory.close();
        }
    }

    public int fd() {
        return fd;
    }

    private void ensureOpen() throws NetlinkIOException {
        if (closed.get()) {
            throw new NetlinkIOException("socket closed", Errno.EBADF);
        }
    }

    private static byte[] copy(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.duplicate().position(0).get(out, 0, length);
        return out;
    }
}
