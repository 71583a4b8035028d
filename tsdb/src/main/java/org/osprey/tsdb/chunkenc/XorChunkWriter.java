package org.osprey.tsdb.chunkenc;

import java.util.Arrays;

/**
 * Builds one Gorilla chunk: delta-of-delta timestamps and XOR-compressed float values.
 *
 * <p>Layout (see {@code tsdb/docs/format/chunks.md}): a big-endian uint16 sample count, then a bit
 * stream. Sample 0 is a zig-zag varint timestamp and the 64 raw value bits; sample 1 stores the
 * timestamp delta as a zig-zag varint; later samples store the delta of deltas in a prefix-coded
 * bucket (0 | 10+14 | 110+17 | 1110+20 | 1111+64 bits). Values are XOR'ed with the previous value
 * and stored as '0' (equal), '10'+bits in the previous leading/trailing window, or '11'+5 bits
 * leading zeros+6 bits length+bits. Raw bits are kept, so the stale-marker NaN survives exactly.
 *
 * <p>Not thread-safe for writers. A reader may decode a snapshot (byte array reference plus sample
 * count taken under the owner's lock) concurrently with later appends: appends only set bits
 * beyond the snapshot's last sample and replace the array when it grows.
 */
public final class XorChunkWriter {
    /** Bytes taken by the sample-count header. */
    public static final int HEADER_BYTES = 2;
    /** Hard limit from the 16-bit count header. */
    public static final int MAX_SAMPLES = 0xffff;

    private byte[] buf;
    private long bitPos = HEADER_BYTES * 8L;
    private int count;
    private long minT;
    private long t;
    private long tDelta;
    private long vBits;
    private int leading = 0xff; // 0xff: no window yet
    private int trailing;

    public XorChunkWriter() {
        this(160);
    }

    /** @param initialBytes first capacity; the buffer doubles as needed */
    public XorChunkWriter(int initialBytes) {
        buf = new byte[Math.max(initialBytes, 16)];
    }

    /** Appends a sample; timestamps must be strictly increasing (the caller checks). */
    public void append(long ts, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (count == 0) {
            writeVarint(ts);
            writeBits(bits, 64);
            minT = ts;
        } else if (count == 1) {
            long delta = ts - t;
            writeVarint(delta);
            writeValue(bits);
            tDelta = delta;
        } else {
            long delta = ts - t;
            long dod = delta - tDelta;
            if (dod == 0) {
                writeBits(0, 1);
            } else if (fits(dod, 14)) {
                writeBits(0b10, 2);
                writeBits(dod, 14);
            } else if (fits(dod, 17)) {
                writeBits(0b110, 3);
                writeBits(dod, 17);
            } else if (fits(dod, 20)) {
                writeBits(0b1110, 4);
                writeBits(dod, 20);
            } else {
                writeBits(0b1111, 4);
                writeBits(dod, 64);
            }
            writeValue(bits);
            tDelta = delta;
        }
        t = ts;
        vBits = bits;
        count++;
        buf[0] = (byte) (count >>> 8);
        buf[1] = (byte) count;
    }

    /** True when a signed value fits in n bits two's complement. */
    static boolean fits(long x, int n) {
        long min = -(1L << (n - 1));
        long max = (1L << (n - 1)) - 1;
        return x >= min && x <= max;
    }

    private void writeValue(long bits) {
        long xor = bits ^ vBits;
        if (xor == 0) {
            writeBits(0, 1);
            return;
        }
        int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
        int trail = Long.numberOfTrailingZeros(xor);
        if (leading != 0xff && lead >= leading && trail >= trailing) {
            writeBits(0b10, 2);
            int sig = 64 - leading - trailing;
            writeBits(xor >>> trailing, sig);
            return;
        }
        leading = lead;
        trailing = trail;
        int sig = 64 - lead - trail;
        writeBits(0b11, 2);
        writeBits(lead, 5);
        writeBits(sig == 64 ? 0 : sig, 6); // 64 does not fit in 6 bits; 0 never occurs otherwise
        writeBits(xor >>> trail, sig);
    }

    private void writeVarint(long x) {
        long z = (x << 1) ^ (x >> 63);
        while ((z & ~0x7fL) != 0) {
            writeBits((z & 0x7f) | 0x80, 8);
            z >>>= 7;
        }
        writeBits(z, 8);
    }

    /** Writes the low n bits of v, most significant first. */
    private void writeBits(long v, int n) {
        long needBytes = (bitPos + n + 7) >>> 3;
        if (needBytes > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needBytes, buf.length * 2L));
        }
        while (n > 0) {
            int byteIdx = (int) (bitPos >>> 3);
            int avail = 8 - (int) (bitPos & 7);
            int take = Math.min(avail, n);
            int bits = (int) ((v >>> (n - take)) & ((1 << take) - 1));
            buf[byteIdx] |= (byte) (bits << (avail - take));
            n -= take;
            bitPos += take;
        }
    }

    public int numSamples() {
        return count;
    }

    /** Encoded size in bytes (header included). */
    public int sizeBytes() {
        return (int) ((bitPos + 7) >>> 3);
    }

    /** The live buffer; valid for {@link #sizeBytes()} bytes and {@link #numSamples()} samples. */
    public byte[] buffer() {
        return buf;
    }

    /** A trimmed copy of the encoded chunk. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, sizeBytes());
    }

    public long minTime() {
        return minT;
    }

    public long maxTime() {
        return t;
    }

    /** Reads the sample count from an encoded chunk's header. */
    public static int numSamples(byte[] chunk, int off) {
        return ((chunk[off] & 0xff) << 8) | (chunk[off + 1] & 0xff);
    }
}
