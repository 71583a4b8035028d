package org.osprey.tsdb.wal;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link RecordBuffer} writes from a byte array slice; throws
 * {@link IndexOutOfBoundsException} or {@link IllegalStateException} on malformed input so callers
 * can treat any of them as corruption. Not thread-safe.
 */
public final class ByteReader {
    private final byte[] b;
    private int pos;
    private final int end;

    public ByteReader(byte[] b, int off, int len) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int position() {
        return pos;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IndexOutOfBoundsException("record ends early");
        }
    }

    public int getByte() {
        need(1);
        return b[pos++] & 0xff;
    }

    public int getInt() {
        need(4);
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long getLong() {
        return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
    }

    public long getUvarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = getByte();
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint too long");
    }

    public long getVarint() {
        long z = getUvarint();
        return (z >>> 1) ^ -(z & 1);
    }

    public String getString() {
        long n = getUvarint();
        if (n > end - pos) {
            throw new IndexOutOfBoundsException("string longer than record");
        }
        String s = new String(b, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }
}
