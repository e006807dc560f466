package io.jconntrack.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret kept in a file of its own rather than in Configuration Admin, which shows every property to a viewer
 * ({@code config:list}) and saves it under {@code data/cache}. The file must be the owner's alone (no read or write
 * for group or others, as ssh asks of a private key), hold one line, and is read once: the messages name the field
 * and the file, never the content.
 */
final class SecretFile {
    /** Far more than any password: a larger file is the wrong file (a keystore, users.properties, ...). */
    static final int MAX_BYTES = 4096;

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFile() {
    }

    /** {@code value} as a path: absolute as it is, relative to {@code etc} (Karaf's etc/, may be null) otherwise. */
    static Path resolve(String field, String value, Path etc) {
        Path p;
        try {
            p = Paths.get(value.trim());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a path: " + e.getReason());
        }
        if (p.isAbsolute()) {
            return p;
        }
        if (etc == null) {
            throw new IllegalArgumentException(field + ": '" + value + "' is relative and karaf.etc is not set; give "
                    + "an absolute path");
        }
        return etc.resolve(p).normalize();
    }

    /** The content of the file {@code value} names, without its line end; see the class comment for the checks. */
    static String read(String field, String value, Path etc) {
        Path file = resolve(field, value, etc);
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(field + ": " + file + " does not exist");
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(field + ": " + file + " is on a file system without POSIX permissions, "
                    + "so it cannot be checked to be its owner's only");
        } catch (IOException e) {
            throw unreadable(field, file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException(field + ": " + file + " is not a regular file");
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class); // copyOf fails on mode 0000
        open.addAll(attributes.permissions());
        open.retainAll(NOT_OWNER);
        if (!open.isEmpty()) {
            throw new IllegalArgumentException(field + ": " + file + " can be read or written by others than its "
                    + "owner (mode " + mode(attributes.permissions()) + "); allow its owner only: chmod 600 " + file);
        }
        if (attributes.size() > MAX_BYTES) {
            throw new IllegalArgumentException(field + ": " + file + " has more than " + MAX_BYTES + " bytes: not a "
                    + "file of one password");
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(field, file, e);
        }
        // One line end, as echo and editors write it; spaces are kept: they may be part of the password.
        String secret = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(field + ": " + file + " is empty");
        }
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(field + ": " + file + " has more than one line; the secret is the "
                    + "file's only line");
        }
        return secret;
    }

    private static IllegalArgumentException unreadable(String field, Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : e.toString();
        return new IllegalArgumentException(field + ": " + file + " cannot be read by user "
                + System.getProperty("user.name") + " (" + why + ")", e);
    }

    /** As ls and chmod show it: {@code 0644, rw-r--r--}. */
    static String mode(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 0400 >> p.ordinal(); // OWNER_READ, OWNER_WRITE, ..., OTHERS_EXECUTE: one bit each, in this order
        }
        return String.format("%04o, %s", bits, PosixFilePermissions.toString(permissions));
    }
}
