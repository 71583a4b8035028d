package org.osprey.tsdb.wal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the varint and fixed-width writers the WAL and block formats use
 * (big-endian fixed widths, LEB128 unsigned varints, zig-zag signed varints). Not thread-safe.
 */
public final class RecordBuffer {
    private byte[] buf;
    private int len;

    public RecordBuffer(int initial) {
        buf = new byte[Math.max(16, initial)];
    }

    public void reset() {
        len = 0;
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    public void truncate(int newLen) {
        len = newLen;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    public void putByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    public void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    /** Overwrites 4 bytes at a position already written. */
    public void setInt(int pos, int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
    }

    public void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    public void putUvarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[len++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    public void putVarint(long v) {
        putUvarint((v << 1) ^ (v >> 63));
    }

    public void putBytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** A uvarint byte length, then the UTF-8 bytes. */
    public void putString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putUvarint(b.length);
        putBytes(b, 0, b.length);
    }
}
