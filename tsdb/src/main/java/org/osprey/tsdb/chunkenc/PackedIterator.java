package org.osprey.tsdb.chunkenc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.osprey.tsdb.SampleIterator;

/**
 * Decodes a chunk written by {@link PackedChunkEncoder} (encoding 2) from heap or mapped bytes;
 * reusable via {@link #reset}, allocation-free per sample. Not thread-safe.
 */
public final class PackedIterator implements SampleIterator {
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private MemorySegment seg;
    private long byteLimit;
    private long bitPos;
    private long bitLimit;
    private int total;
    private int read;
    private int mode;
    private double scale;
    private int tW;
    private int vW;
    private long t;
    private long tDelta;
    private long x;
    private long xDelta;
    private long vBits;
    private int leading;
    private int trailing;

    public PackedIterator reset(MemorySegment data, long offset, int numSamples) {
        this.seg = data;
        this.bitLimit = data.byteSize() * 8;
        this.byteLimit = data.byteSize();
        this.bitPos = offset * 8;
        int count = (int) readBits(16);
        this.total = Math.min(numSamples, count);
        int m = (int) readBits(8);
        this.mode = m & 3;
        this.scale = PackedChunkEncoder.SCALES[Math.min((m >>> 2) & 7, PackedChunkEncoder.SCALES.length - 1)];
        this.tW = (int) readBits(8);
        this.vW = (int) readBits(8);
        this.read = 0;
        this.leading = 0;
        this.trailing = 0;
        return this;
    }

    public PackedIterator reset(MemorySegment data, long offset) {
        int n = ((data.get(ValueLayout.JAVA_BYTE, offset) & 0xff) << 8) | (data.get(ValueLayout.JAVA_BYTE, offset + 1) & 0xff);
        return reset(data, offset, n);
    }

    @Override
    public boolean next() {
        if (read >= total) {
            return false;
        }
        if (read == 0) {
            t = readVarint();
        } else if (read == 1) {
            tDelta = readVarint();
            t += tDelta;
        } else {
            tDelta += readCode(tW);
            t += tDelta;
        }
        if (mode == PackedChunkEncoder.MODE_XOR) {
            if (read == 0) {
                vBits = readBits(64);
            } else {
                readXor();
            }
        } else {
            if (read == 0) {
                x = readVarint();
            } else if (mode == PackedChunkEncoder.MODE_DELTA) {
                x += readCode(vW);
            } else if (read == 1) {
                xDelta = readVarint();
                x += xDelta;
            } else {
                xDelta += readCode(vW);
                x += xDelta;
            }
            double v = scale == 1 ? (double) x : (double) x / scale;
            vBits = Double.doubleToRawLongBits(v);
        }
        read++;
        return true;
    }

    @Override
    public boolean seek(long target) {
        if (read > 0 && t >= target) {
            return true;
        }
        while (next()) {
            if (t >= target) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long atT() {
        return t;
    }

    @Override
    public double at() {
        return Double.longBitsToDouble(vBits);
    }

    private long readCode(int w) {
        if (readBits(1) == 0) {
            return 0;
        }
        if (readBits(1) == 0) {
            long v = readBits(w);
            return w >= 64 ? v : (v << (64 - w)) >> (64 - w);
        }
        return readBits(64);
    }

    private void readXor() {
        if (readBits(1) == 0) {
            return;
        }
        if (readBits(1) != 0) {
            leading = (int) readBits(5);
            int sig = (int) readBits(6);
            if (sig == 0) {
                sig = 64;
            }
            trailing = 64 - leading - sig;
        }
        vBits ^= readBits(64 - leading - trailing) << trailing;
    }

    private long readVarint() {
        long z = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) {
                throw new IllegalStateException("corrupt chunk: varint too long");
            }
            long b = readBits(8);
            z |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return (z >>> 1) ^ -(z & 1);
    }

    private long readBits(int n) {
        if (bitPos + n > bitLimit) {
            throw new IllegalStateException("corrupt chunk: read past end");
        }
        long byteIdx = bitPos >>> 3;
        if (n > 0 && n <= 56 && byteIdx + 8 <= byteLimit) {
            // One unaligned 8-byte load covers any field of up to 56 bits at any bit offset.
            long word = seg.get(LONG_BE, byteIdx);
            long v = (word << (int) (bitPos & 7)) >>> (64 - n);
            bitPos += n;
            return v;
        }
        long result = 0;
        while (n > 0) {
            int b = seg.get(ValueLayout.JAVA_BYTE, bitPos >>> 3) & 0xff;
            int avail = 8 - (int) (bitPos & 7);
            int take = Math.min(avail, n);
            result = (result << take) | ((b >>> (avail - take)) & ((1 << take) - 1));
            n -= take;
            bitPos += take;
        }
        return result;
    }
}
