package io.jconntrack.impl.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * The type and identity of a file as statx(2) reports them. statx rather than stat: {@code struct stat} is laid out
 * differently on x86_64 and aarch64, {@code struct statx} ({@code linux/stat.h}) has the same fixed-size fields at
 * the same offsets on every architecture.
 */
record FileStatus(int mode, NamespaceId identity) {
    /** {@code sizeof(struct statx)}. */
    private static final int STATX_SIZE = 256;
    /** Offsets in {@code struct statx}: {@code __u16 stx_mode}, {@code __u64 stx_ino}, {@code __u32 stx_dev_*}. */
    private static final int STX_MODE = 28;
    private static final int STX_INO = 32;
    private static final int STX_DEV_MAJOR = 136;
    private static final int STX_DEV_MINOR = 140;

    /** Of the file {@code path} names, following symbolic links ({@code /proc/self/ns/net} is one); opens nothing. */
    static FileStatus of(String path) throws LastErrorException {
        return statx(LibC.AT_FDCWD, path, 0);
    }

    /** Of an open file. */
    static FileStatus of(int fd) throws LastErrorException {
        return statx(fd, "", LibC.AT_EMPTY_PATH);
    }

    private static FileStatus statx(int dirfd, String path, int flags) {
        try (Memory m = new Memory(STATX_SIZE)) {
            m.clear();
            LibC.statx(dirfd, path, flags, LibC.STATX_TYPE | LibC.STATX_INO, m);
            long device = ((long) m.getInt(STX_DEV_MAJOR) << 32) | (m.getInt(STX_DEV_MINOR) & 0xFFFF_FFFFL);
            return new FileStatus(m.getShort(STX_MODE) & 0xFFFF, new NamespaceId(device, m.getLong(STX_INO)));
        }
    }

    boolean isRegularFile() {
        return (mode & LibC.S_IFMT) == LibC.S_IFREG;
    }

    /** The file's type as a message says it: "a FIFO", "a directory". */
    String kind() {
        switch (mode & LibC.S_IFMT) {
            case LibC.S_IFIFO: return "a FIFO";
            case LibC.S_IFCHR: return "a character device";
            case LibC.S_IFBLK: return "a block device";
            case LibC.S_IFDIR: return "a directory";
            case LibC.S_IFSOCK: return "a socket";
            case LibC.S_IFLNK: return "a symbolic link";
            case LibC.S_IFREG: return "a regular file";
            default: return "a file of type " + Integer.toOctalString(mode & LibC.S_IFMT);
        }
    }
}
