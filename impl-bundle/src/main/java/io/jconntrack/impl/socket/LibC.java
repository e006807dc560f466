package io.jconntrack.impl.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc calls a netlink client needs, bound by JNA direct mapping (no proxy, no reflection per call). Every
 * call that can fail declares {@link LastErrorException}, which carries errno.
 */
final class LibC {
    // from <sys/socket.h>, <fcntl.h>, <sched.h> (Linux x86_64 and aarch64 values)
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int SO_ATTACH_FILTER = 26;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_TRUNC = 0x20;
    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    // from <linux/sched.h>: the namespace types NS_GET_NSTYPE answers with
    static final int CLONE_NEWTIME = 0x00000080;
    static final int CLONE_NEWNS = 0x00020000;
    static final int CLONE_NEWCGROUP = 0x02000000;
    static final int CLONE_NEWUTS = 0x04000000;
    static final int CLONE_NEWIPC = 0x08000000;
    static final int CLONE_NEWUSER = 0x10000000;
    static final int CLONE_NEWPID = 0x20000000;

    // from <linux/fcntl.h>, <linux/stat.h>: statx(2), whose struct statx has one layout on every architecture
    static final int AT_FDCWD = -100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_TYPE = 0x1;
    static final int STATX_INO = 0x100;
    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    // from <linux/magic.h>, <linux/nsfs.h>
    static final long NSFS_MAGIC = 0x6e736673L;
    static final int NSIO = 0xb7;
    /** {@code _IO(NSIO, 0x3)}: no direction, no size, so just type and number. */
    static final long NS_GET_NSTYPE = (NSIO << 8) | 0x3;

    static {
        Native.register(NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, Pointer addr, int addrlen) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long send(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    static native long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    static native int setsockopt(int fd, int level, int optname, Pointer optval, int optlen)
            throws LastErrorException;

    static native int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen)
            throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int statx(int dirfd, String path, int flags, int mask, Pointer statxbuf) throws LastErrorException;

    static native int fstatfs(int fd, Pointer buf) throws LastErrorException;

    /** ioctl(2) with a request that takes no argument (the variadic third is passed as 0). */
    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native String strerror(int errnum);
}
