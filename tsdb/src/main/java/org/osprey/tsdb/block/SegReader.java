package org.osprey.tsdb.block;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Decodes varints and strings from a memory-mapped file at a moving position; throws
 * {@link IndexOutOfBoundsException} past the end. Not thread-safe (cheap to create per read).
 */
final class SegReader {
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private final MemorySegment seg;
    long pos;

    SegReader(MemorySegment seg, long pos) {
        this.seg = seg;
        this.pos = pos;
    }

    int u8() {
        return seg.get(ValueLayout.JAVA_BYTE, pos++) & 0xff;
    }

    int int32() {
        int v = seg.get(INT_BE, pos);
        pos += 4;
        return v;
    }

    long int64() {
        long v = seg.get(LONG_BE, pos);
        pos += 8;
        return v;
    }

    static int int32At(MemorySegment s, long p) {
        return s.get(INT_BE, p);
    }

    static long int64At(MemorySegment s, long p) {
        return s.get(LONG_BE, p);
    }

    long uvarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("varint too long at " + pos);
    }

    long varint() {
        long z = uvarint();
        return (z >>> 1) ^ -(z & 1);
    }

    String string() {
        int n = (int) uvarint();
        byte[] b = new byte[n];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, b, 0, n);
        pos += n;
        return new String(b, StandardCharsets.UTF_8);
    }
}
