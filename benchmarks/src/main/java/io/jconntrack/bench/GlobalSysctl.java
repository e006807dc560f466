package io.jconntrack.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One global sysctl of the initial namespace, read once and restored once. {@code nf_conntrack_max} and
 * {@code nf_conntrack_buckets} are global: the benchmark raises them for its run and must put them back.
 */
final class GlobalSysctl {
    /** Both sysctls are in the thousands at least on any machine with conntrack. */
    private static final long MIN_PLAUSIBLE = 1024;

    private final String key;
    private final Path path;
    private final long original;
    private boolean changed;

    GlobalSysctl(String key) {
        this.key = key;
        this.path = Paths.get("/proc/sys", key.replace('.', '/'));
        this.original = read();
    }

    String key() {
        return key;
    }

    long original() {
        return original;
    }

    long read() {
        // Not Files.readString: procfs reports a size of 0 and the JDK then returns only the first byte.
        String text;
        try (InputStream in = Files.newInputStream(path)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        long value = Long.parseLong(text);
        if (value < MIN_PLAUSIBLE) {
            // A value this small is a misread or a broken machine: writing it back would break conntrack for all.
            throw new IllegalStateException(key + " reads as " + value + ", below " + MIN_PLAUSIBLE
                    + ": refusing to work with it");
        }
        return value;
    }

    synchronized void set(long value) {
        if (value == read()) {
            return;
        }
        changed = true;
        write(value);
    }

    /** Puts the original value back when it was changed; safe to call more than once. */
    synchronized void restore() {
        if (changed) {
            write(original);
            changed = false;
            long now = read();
            if (now != original) {
                throw new IllegalStateException(key + " is " + now + " after restoring " + original);
            }
        }
    }

    private void write(long value) {
        try {
            Files.writeString(path, Long.toString(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key + " = " + value, e);
        }
    }
}
