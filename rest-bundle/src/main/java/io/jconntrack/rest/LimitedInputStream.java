package io.jconntrack.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body read up to a limit: one byte more fails the read with {@link BodyTooLarge} (unchecked, so that it passes
 * through the JSON parser unchanged and is answered 413), whether or not the client announced a length.
 */
class LimitedInputStream extends FilterInputStream {
    static final String SETTING = "maxBodyBytes";
    private final long limit;
    private final String what;
    private long read;

    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Asks for at most one byte past the limit: enough to see it crossed, never a large read beyond it.
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - read + 1));
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw new BodyTooLarge(what, limit);
        }
    }
}
