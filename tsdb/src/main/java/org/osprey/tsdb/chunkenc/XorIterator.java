package org.osprey.tsdb.chunkenc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.osprey.tsdb.SampleIterator;

/**
 * Decodes one chunk written by {@link XorChunkWriter}, from heap or memory-mapped bytes alike.
 * {@link #reset} lets one instance walk many chunks, so decoding allocates nothing per sample.
 * Not thread-safe.
 */
public final class XorIterator implements SampleIterator {
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private MemorySegment seg;
    private long byteLimit;
    private long bitPos;
    private long bitLimit;
    private int total;
    private int read;
    private long t;
    private long tDelta;
    private long vBits;
    private int leading;
    private int trailing;

    /**
     * Points the iterator at an encoded chunk.
     *
     * @param data       bytes holding the chunk
     * @param offset     where the chunk (its count header) starts
     * @param numSamples how many samples to decode (at most the header's count)
     */
    public XorIterator reset(MemorySegment data, long offset, int numSamples) {
        this.seg = data;
        this.bitPos = (offset + XorChunkWriter.HEADER_BYTES) * 8;
        this.bitLimit = data.byteSize() * 8;
        this.byteLimit = data.byteSize();
        this.total = numSamples;
        this.read = 0;
        this.leading = 0;
        this.trailing = 0;
        return this;
    }

    /** Points at a chunk whose sample count is taken from its header. */
    public XorIterator reset(MemorySegment data, long offset) {
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
            vBits = readBits(64);
        } else if (read == 1) {
            tDelta = readVarint();
            t += tDelta;
            readValue();
        } else {
            long dod;
            if (readBit() == 0) {
                dod = 0;
            } else if (readBit() == 0) {
                dod = signExtend(readBits(14), 14);
            } else if (readBit() == 0) {
                dod = signExtend(readBits(17), 17);
            } else if (readBit() == 0) {
                dod = signExtend(readBits(20), 20);
            } else {
                dod = readBits(64);
            }
            tDelta += dod;
            t += tDelta;
            readValue();
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

    /** Current timestamp, or Long.MIN_VALUE before the first {@link #next()}. */
    public long atTSafe() {
        return read == 0 ? Long.MIN_VALUE : t;
    }

    /** Raw bits of the current value (the stale marker is told apart by bits). */
    public long atBits() {
        return vBits;
    }

    private void readValue() {
        if (readBit() == 0) {
            return;
        }
        if (readBit() != 0) {
            leading = (int) readBits(5);
            int sig = (int) readBits(6);
            if (sig == 0) {
                sig = 64;
            }
            trailing = 64 - leading - sig;
        }
        int sig = 64 - leading - trailing;
        long xor = readBits(sig) << trailing;
        vBits ^= xor;
    }

    private static long signExtend(long v, int n) {
        return (v << (64 - n)) >> (64 - n);
    }

    private long readVarint() {
        long z = 0;
        int shift = 0;
        while (true) {
            long b = readBits(8);
            z |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalStateException("corrupt chunk: varint too long");
            }
        }
        return (z >>> 1) ^ -(z & 1);
    }

    private int readBit() {
        return (int) readBits(1);
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
            int bits = (b >>> (avail - take)) & ((1 << take) - 1);
            result = (result << take) | bits;
            n -= take;
            bitPos += take;
        }
        return result;
    }
}
