package org.osprey.tsdb.chunkenc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.osprey.model.value.StaleNaN;

class XorChunkTest {
    private static long seed() {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println("XorChunkTest seed=" + seed + " (rerun with -Dosprey.seed=" + seed + ")");
        return seed;
    }

    private static double randomValue(Random r, double prev) {
        return switch (r.nextInt(9)) {
            case 0 -> StaleNaN.VALUE;
            case 1 -> Double.NaN;
            case 2 -> prev;
            case 3 -> prev + 1;
            case 4 -> r.nextGaussian() * 1e6;
            case 5 -> Double.longBitsToDouble(r.nextLong());
            case 6 -> r.nextInt(100);
            case 7 -> Double.POSITIVE_INFINITY;
            default -> -0.0;
        };
    }

    private static long randomStep(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> 15_000;
            case 1 -> 15_000 + r.nextInt(20) - 10;
            case 2 -> 1 + r.nextInt(1 << 20);
            case 3 -> 1 + (r.nextLong() >>> 24);
            case 4 -> 1;
            default -> 1 + r.nextInt(9000);
        };
    }

    @Test
    void randomRoundTripKeepsEveryBit() {
        Random r = new Random(seed());
        for (int round = 0; round < 2000; round++) {
            int n = 1 + r.nextInt(r.nextBoolean() ? 130 : 600);
            long[] ts = new long[n];
            long[] bits = new long[n];
            long t = r.nextBoolean() ? r.nextLong() >> 4 : 1_700_000_000_000L + r.nextInt(1000);
            double v = 0;
            XorChunkWriter w = new XorChunkWriter();
            for (int i = 0; i < n; i++) {
                v = randomValue(r, v);
                ts[i] = t;
                bits[i] = Double.doubleToRawLongBits(v);
                w.append(t, v);
                t += randomStep(r);
            }
            assertEquals(n, w.numSamples());
            byte[] bytes = w.toBytes();
            assertEquals(n, XorChunkWriter.numSamples(bytes, 0));
            XorIterator it = new XorIterator().reset(MemorySegment.ofArray(bytes), 0);
            for (int i = 0; i < n; i++) {
                assertTrue(it.next(), "sample " + i);
                assertEquals(ts[i], it.atT(), "ts " + i);
                assertEquals(bits[i], Double.doubleToRawLongBits(it.at()), "value bits " + i);
            }
            assertFalse(it.next());
            // seek to a random existing timestamp lands on it
            int k = r.nextInt(n);
            it.reset(MemorySegment.ofArray(bytes), 0);
            assertTrue(it.seek(ts[k]));
            assertEquals(ts[k], it.atT());
            assertFalse(it.seek(ts[n - 1] + 1));
        }
    }

    @Test
    void staleMarkerAndPlainNaNStayDistinct() {
        XorChunkWriter w = new XorChunkWriter();
        w.append(1000, 1.0);
        w.append(2000, StaleNaN.VALUE);
        w.append(3000, Double.NaN);
        w.append(4000, StaleNaN.VALUE);
        XorIterator it = new XorIterator().reset(MemorySegment.ofArray(w.toBytes()), 0);
        assertTrue(it.next());
        assertTrue(it.next());
        assertTrue(StaleNaN.isStale(it.at()));
        assertTrue(it.next());
        assertTrue(Double.isNaN(it.at()));
        assertFalse(StaleNaN.isStale(it.at()));
        assertTrue(it.next());
        assertTrue(StaleNaN.isStale(it.at()));
    }

    @Test
    void regularScrapeCompressesBelowTwoBytesPerSample() {
        XorChunkWriter w = new XorChunkWriter();
        double v = 0;
        for (int i = 0; i < 120; i++) {
            v += i % 3;
            w.append(1_700_000_000_000L + i * 15_000L, v);
        }
        assertTrue(w.sizeBytes() < 240, "size " + w.sizeBytes());
    }

    @Test
    void seriesIteratorCrossesChunksAndClipsRange() {
        Random r = new Random(seed());
        List<ChunkMeta> chunks = new ArrayList<>();
        List<long[]> all = new ArrayList<>();
        long t = 0;
        for (int c = 0; c < 7; c++) {
            XorChunkWriter w = new XorChunkWriter();
            for (int i = 0; i < 1 + r.nextInt(150); i++) {
                t += 1 + r.nextInt(30);
                w.append(t, t * 0.5);
                all.add(new long[] {t});
            }
            chunks.add(ChunkMeta.ofBytes(w.toBytes(), w.minTime(), w.maxTime()));
        }
        ChunkSeriesIterator it = new ChunkSeriesIterator();
        for (int q = 0; q < 300; q++) {
            long mint = r.nextInt((int) t + 20) - 10;
            long maxt = mint + r.nextInt((int) t / 2 + 1);
            it.reset(chunks, mint, maxt);
            List<Long> got = new ArrayList<>();
            while (it.next()) {
                got.add(it.atT());
                assertEquals(it.atT() * 0.5, it.at());
            }
            List<Long> want = new ArrayList<>();
            for (long[] s : all) {
                if (s[0] >= mint && s[0] <= maxt) {
                    want.add(s[0]);
                }
            }
            assertEquals(want, got, "range [" + mint + "," + maxt + "]");
            // seek semantics
            long target = mint + r.nextInt((int) (maxt - mint + 1));
            it.reset(chunks, mint, maxt);
            Long expect = null;
            for (long w : want) {
                if (w >= target) {
                    expect = w;
                    break;
                }
            }
            assertEquals(expect != null, it.seek(target));
            if (expect != null) {
                assertEquals(expect.longValue(), it.atT());
                assertTrue(it.seek(target - 5)); // stays put
                assertEquals(expect.longValue(), it.atT());
            }
        }
    }

    @Test
    void mergingIteratorInterleavesAndDeduplicates() {
        XorChunkWriter a = new XorChunkWriter();
        XorChunkWriter b = new XorChunkWriter();
        for (long t = 0; t < 100; t += 2) {
            a.append(t, 1);
        }
        for (long t = 0; t < 100; t += 3) {
            b.append(t, 2);
        }
        MergingIterator m = new MergingIterator(
                new XorIterator().reset(MemorySegment.ofArray(a.toBytes()), 0),
                new XorIterator().reset(MemorySegment.ofArray(b.toBytes()), 0));
        long expected = 0;
        int count = 0;
        long prev = -1;
        while (m.next()) {
            assertTrue(m.atT() > prev);
            assertEquals(m.atT() % 2 == 0 ? 1.0 : 2.0, m.at());
            prev = m.atT();
            count++;
        }
        for (long t = 0; t < 100; t++) {
            if (t % 2 == 0 || t % 3 == 0) {
                expected++;
            }
        }
        assertEquals(expected, count);
    }
}
