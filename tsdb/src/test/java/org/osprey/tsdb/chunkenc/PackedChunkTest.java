package org.osprey.tsdb.chunkenc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.osprey.model.value.StaleNaN;

class PackedChunkTest {
    private static long seed() {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println("PackedChunkTest seed=" + seed + " (rerun with -Dosprey.seed=" + seed + ")");
        return seed;
    }

    /** Value generators covering each mode the encoder may choose. */
    private static double value(Random r, int kind, int i, double prev) {
        return switch (kind) {
            case 0 -> 1000 + i * 7 + r.nextInt(3);                 // counter: integer deltas
            case 1 -> Math.round(r.nextGaussian() * 100) / 10.0;   // one decimal gauge
            case 2 -> r.nextGaussian();                             // full-precision floats
            case 3 -> r.nextInt(5) == 0 ? StaleNaN.VALUE : prev + r.nextInt(2); // mixed stale
            case 4 -> r.nextBoolean() ? -0.0 : 0.0;
            case 5 -> i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            case 6 -> (double) (r.nextLong() >> 12);                // large integers near 2^51
            default -> Math.round(r.nextDouble() * 1e6) / 1000.0;   // three decimals
        };
    }

    @Test
    void randomChunksRoundTripBitExactly() {
        Random r = new Random(seed());
        for (int round = 0; round < 3000; round++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 240 : 10);
            int kind = r.nextInt(8);
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = r.nextBoolean() ? 1_700_000_000_000L : r.nextLong() >> 8;
            double prev = 0;
            for (int i = 0; i < n; i++) {
                ts[i] = t;
                vs[i] = value(r, kind, i, prev);
                prev = vs[i];
                t += switch (r.nextInt(4)) {
                    case 0 -> 15_000;
                    case 1 -> 15_000 + r.nextInt(1800) - 900;
                    case 2 -> 1 + r.nextInt(1 << 22);
                    default -> 1 + (r.nextLong() >>> 30);
                };
            }
            byte[] enc = PackedChunkEncoder.encode(ts, vs, n);
            PackedIterator it = new PackedIterator().reset(MemorySegment.ofArray(enc), 0);
            for (int i = 0; i < n; i++) {
                assertTrue(it.next(), "round " + round + " kind " + kind + " sample " + i);
                assertEquals(ts[i], it.atT(), "round " + round + " ts " + i);
                assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(it.at()),
                        "round " + round + " kind " + kind + " value " + i + " (" + vs[i] + ")");
            }
            assertFalse(it.next());
        }
    }

    @Test
    void integerCountersWithJitteredTimestampsPackTighterThanXor() {
        Random r = new Random(1);
        int n = 240;
        long[] ts = new long[n];
        double[] vs = new double[n];
        XorChunkWriter xor = new XorChunkWriter();
        double v = 13_668;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + i * 15_000L + r.nextInt(900);
            v += 40 + r.nextInt(30);
            vs[i] = v;
            xor.append(ts[i], vs[i]);
        }
        int packed = PackedChunkEncoder.encode(ts, vs, n).length;
        assertTrue(packed < xor.sizeBytes() * 0.8, "packed " + packed + " vs xor " + xor.sizeBytes());
    }

    @Test
    void chooseScaleFindsTheSmallestDecimalScale() {
        assertEquals(0, PackedChunkEncoder.integerScale(new double[] {1, 2, 3}, 3));
        assertEquals(1, PackedChunkEncoder.integerScale(new double[] {52.8, 52.7, 53}, 3));
        assertEquals(-1, PackedChunkEncoder.integerScale(new double[] {0.1234567}, 1));
        assertEquals(-1, PackedChunkEncoder.integerScale(new double[] {-0.0}, 1));
        assertEquals(-1, PackedChunkEncoder.integerScale(new double[] {StaleNaN.VALUE}, 1));
    }
}
