package org.osprey.tsdb.chunkenc;

import java.util.Arrays;

/**
 * Encodes a finished chunk for a block, choosing per chunk what is smallest (format:
 * {@code tsdb/docs/format/chunks.md}, encoding 2). Timestamps use delta-of-delta codes whose
 * width is fitted to the chunk instead of fixed buckets. Values that are all decimal-scaled
 * integers (counters, bucket counts, gauges like 52.8) are stored as integer deltas or
 * delta-of-deltas with a fitted width; anything else falls back to XOR floats. Decoding any
 * choice gives back the exact value bits. Thread-safe: stateless (allocates per chunk; blocks are
 * written off the append path).
 */
public final class PackedChunkEncoder {
    public static final int ENCODING = 2;
    static final int MODE_XOR = 0;
    static final int MODE_DELTA = 1;
    static final int MODE_DOD = 2;
    static final double[] SCALES = {1, 10, 100, 1000, 10000};
    private static final long MAX_EXACT = 1L << 53;

    private PackedChunkEncoder() {
    }

    /** Encodes samples [0, n) (strictly increasing timestamps, 1 ≤ n ≤ 65535). */
    public static byte[] encode(long[] ts, double[] vs, int n) {
        long[] tdod = new long[Math.max(0, n - 2)];
        for (int i = 2; i < n; i++) {
            tdod[i - 2] = (ts[i] - ts[i - 1]) - (ts[i - 1] - ts[i - 2]);
        }
        int tW = bestWidth(tdod, tdod.length);

        int scale = integerScale(vs, n);
        long[] xs = null;
        int mode = MODE_XOR;
        int vW = 0;
        if (scale >= 0) {
            xs = new long[n];
            for (int i = 0; i < n; i++) {
                xs[i] = (long) Math.rint(vs[i] * SCALES[scale]);
            }
            long[] d = new long[Math.max(0, n - 1)];
            for (int i = 1; i < n; i++) {
                d[i - 1] = xs[i] - xs[i - 1];
            }
            long[] dd = new long[Math.max(0, n - 2)];
            for (int i = 2; i < n; i++) {
                dd[i - 2] = d[i - 1] - d[i - 2];
            }
            int wd = bestWidth(d, d.length);
            int wdd = bestWidth(dd, dd.length);
            long costD = cost(d, d.length, wd);
            long costDD = cost(dd, dd.length, wdd) + (n > 1 ? varintBits(d[0]) : 0);
            long costXor = xorCost(vs, n);
            if (Math.min(costD, costDD) < costXor) {
                mode = costD <= costDD ? MODE_DELTA : MODE_DOD;
                vW = mode == MODE_DELTA ? wd : wdd;
            }
        }
        BitOut out = new BitOut(n * 4 + 32);
        out.bits(n, 16);
        out.bits(mode | ((mode == MODE_XOR ? 0 : scale) << 2), 8);
        out.bits(tW, 8);
        out.bits(vW, 8);
        XorState xor = new XorState();
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                out.varint(ts[0]);
            } else if (i == 1) {
                out.varint(ts[1] - ts[0]);
            } else {
                code(out, tdod[i - 2], tW);
            }
            if (mode == MODE_XOR) {
                long bits = Double.doubleToRawLongBits(vs[i]);
                if (i == 0) {
                    out.bits(bits, 64);
                    xor.prev = bits;
                } else {
                    xor.write(out, bits);
                }
            } else if (i == 0) {
                out.varint(xs[0]);
            } else if (mode == MODE_DELTA) {
                code(out, xs[i] - xs[i - 1], vW);
            } else if (i == 1) {
                out.varint(xs[1] - xs[0]);
            } else {
                code(out, (xs[i] - xs[i - 1]) - (xs[i - 1] - xs[i - 2]), vW);
            }
        }
        return out.toBytes();
    }

    /** Smallest k such that every value is an exact integer / 10^k, or -1. */
    static int integerScale(double[] vs, int n) {
        outer:
        for (int k = 0; k < SCALES.length; k++) {
            double s = SCALES[k];
            for (int i = 0; i < n; i++) {
                double v = vs[i];
                double x = Math.rint(v * s);
                if (!(Math.abs(x) < MAX_EXACT)) {
                    continue outer; // NaN, infinities, huge
                }
                double back = k == 0 ? (double) (long) x : (double) (long) x / s;
                if (Double.doubleToRawLongBits(back) != Double.doubleToRawLongBits(v)) {
                    continue outer;
                }
            }
            return k;
        }
        return -1;
    }

    static boolean fits(long x, int w) {
        if (w >= 64) {
            return true;
        }
        if (w == 0) {
            return false;
        }
        long min = -(1L << (w - 1));
        long max = (1L << (w - 1)) - 1;
        return x >= min && x <= max;
    }

    static long cost(long[] xs, int n, int w) {
        long c = 0;
        for (int i = 0; i < n; i++) {
            c += xs[i] == 0 ? 1 : fits(xs[i], w) ? 2 + w : 66;
        }
        return c;
    }

    /** The width (0..64) minimising {@link #cost}. */
    static int bestWidth(long[] xs, int n) {
        int[] need = new int[65];
        for (int i = 0; i < n; i++) {
            if (xs[i] != 0) {
                long x = xs[i];
                int bits = 65 - Long.numberOfLeadingZeros(x < 0 ? ~x : x); // sign bit included
                need[Math.min(bits, 64)]++;
            }
        }
        int best = 0;
        long bestCost = Long.MAX_VALUE;
        for (int w = 0; w <= 64; w++) {
            long c = 0;
            for (int b = 1; b <= 64; b++) {
                c += (long) need[b] * (b <= w ? 2 + w : 66);
            }
            if (c < bestCost) {
                bestCost = c;
                best = w;
            }
        }
        return best;
    }

    private static long varintBits(long x) {
        long z = (x << 1) ^ (x >> 63);
        int groups = 1;
        while ((z & ~0x7fL) != 0) {
            z >>>= 7;
            groups++;
        }
        return groups * 8L;
    }

    private static long xorCost(double[] vs, int n) {
        XorState s = new XorState();
        BitOut counter = new BitOut(0);
        counter.countOnly = true;
        s.prev = n > 0 ? Double.doubleToRawLongBits(vs[0]) : 0;
        for (int i = 1; i < n; i++) {
            s.write(counter, Double.doubleToRawLongBits(vs[i]));
        }
        return counter.pos;
    }

    static void code(BitOut out, long x, int w) {
        if (x == 0) {
            out.bits(0, 1);
        } else if (fits(x, w)) {
            out.bits(0b10, 2);
            out.bits(x, w);
        } else {
            out.bits(0b11, 2);
            out.bits(x, 64);
        }
    }

    /** XOR float state, same scheme as {@link XorChunkWriter}. */
    static final class XorState {
        long prev;
        int leading = 0xff;
        int trailing;

        void write(BitOut out, long bits) {
            long xor = bits ^ prev;
            prev = bits;
            if (xor == 0) {
                out.bits(0, 1);
                return;
            }
            int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
            int trail = Long.numberOfTrailingZeros(xor);
            if (leading != 0xff && lead >= leading && trail >= trailing) {
                out.bits(0b10, 2);
                out.bits(xor >>> trailing, 64 - leading - trailing);
                return;
            }
            leading = lead;
            trailing = trail;
            int sig = 64 - lead - trail;
            out.bits(0b11, 2);
            out.bits(lead, 5);
            out.bits(sig == 64 ? 0 : sig, 6);
            out.bits(xor >>> trail, sig);
        }
    }

    /** A growable MSB-first bit buffer; in count-only mode it just advances. */
    static final class BitOut {
        byte[] buf;
        long pos;
        boolean countOnly;

        BitOut(int bytes) {
            buf = new byte[Math.max(bytes, 8)];
        }

        void bits(long v, int n) {
            if (countOnly) {
                pos += n;
                return;
            }
            long need = (pos + n + 7) >>> 3;
            if (need > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.max(need, buf.length * 2L));
            }
            while (n > 0) {
                int idx = (int) (pos >>> 3);
                int avail = 8 - (int) (pos & 7);
                int take = Math.min(avail, n);
                int b = (int) ((v >>> (n - take)) & ((1 << take) - 1));
                buf[idx] |= (byte) (b << (avail - take));
                n -= take;
                pos += take;
            }
        }

        void varint(long x) {
            long z = (x << 1) ^ (x >> 63);
            while ((z & ~0x7fL) != 0) {
                bits((z & 0x7f) | 0x80, 8);
                z >>>= 7;
            }
            bits(z, 8);
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, (int) ((pos + 7) >>> 3));
        }
    }
}
