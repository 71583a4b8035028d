package org.osprey.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;

/**
 * The behaviour every {@link Storage} must show. Subclasses supply the implementation; randomized
 * tests print their seed.
 */
public abstract class StorageConformanceTest {
    protected Storage storage;

    /** A fresh, empty storage. */
    protected abstract Storage create() throws Exception;

    /** Closes and reopens the storage if it persists; returns the same one otherwise. */
    protected Storage reopen(Storage s) throws Exception {
        return s;
    }

    protected Storage storage() throws Exception {
        if (storage == null) {
            storage = create();
        }
        return storage;
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    protected static long seed(String test) {
        long seed = Long.getLong("osprey.seed", System.nanoTime());
        System.out.println(test + " seed=" + seed + " (rerun with -Dosprey.seed=" + seed + ")");
        return seed;
    }

    /** Reads every series and sample of a selection into labels → [t, bits] lists. */
    public static Map<Labels, List<long[]>> read(Storage s, long mint, long maxt, LabelMatcher... ms) {
        Map<Labels, List<long[]>> out = new TreeMap<>();
        try (Querier q = s.querier(mint, maxt)) {
            SeriesSet set = q.select(true, null, ms);
            Labels prev = null;
            SampleIterator reuse = null;
            while (set.next()) {
                Series series = set.at();
                if (prev != null) {
                    assertTrue(prev.compareTo(series.labels()) < 0, "sorted and unique: " + prev + " then " + series.labels());
                }
                prev = series.labels();
                List<long[]> samples = new ArrayList<>();
                SampleIterator it = series.iterator(reuse);
                reuse = it;
                long last = Long.MIN_VALUE;
                while (it.next()) {
                    assertTrue(it.atT() > last, "timestamps increase");
                    last = it.atT();
                    samples.add(new long[] {it.atT(), Double.doubleToRawLongBits(it.at())});
                }
                out.put(series.labels(), samples);
            }
        }
        return out;
    }

    private static Labels series(int i) {
        return Labels.of("__name__", "m" + (i % 3), "job", "j" + (i % 5), "instance", "i" + i);
    }

    @Test
    void appendedSamplesAreReadBackInOrderWithExactBits() throws Exception {
        Random r = new Random(seed("appendedSamplesAreReadBackInOrderWithExactBits"));
        Storage s = storage();
        Map<Labels, List<long[]>> want = new TreeMap<>();
        long t0 = 1_700_000_000_000L;
        int nSeries = 30;
        int rounds = 400;
        long[] refs = new long[nSeries];
        for (int round = 0; round < rounds; round++) {
            Appender a = s.appender();
            for (int i = 0; i < nSeries; i++) {
                if (r.nextInt(10) == 0) {
                    continue;
                }
                long t = t0 + round * 15_000L + i;
                double v = switch (r.nextInt(9)) {
                    case 0 -> StaleNaN.VALUE;
                    case 1 -> Double.NaN;
                    case 2 -> -0.0;
                    case 3 -> r.nextInt(1000);
                    case 4 -> (double) (r.nextLong() >> r.nextInt(64)); // integers of every size, ±2^63 included
                    case 5 -> Double.NEGATIVE_INFINITY;
                    default -> r.nextGaussian();
                };
                long ref = a.append(r.nextBoolean() ? refs[i] : 0, series(i), t, v);
                assertNotEquals(0, ref);
                refs[i] = ref;
                want.computeIfAbsent(series(i), k -> new ArrayList<>()).add(new long[] {t, Double.doubleToRawLongBits(v)});
            }
            a.commit();
        }
        storage = s = reopen(s);
        assertSameData(want, read(s, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.regex("__name__", ".+")));
        // a clipped range returns exactly the samples inside it
        long lo = t0 + 100 * 15_000L;
        long hi = t0 + 200 * 15_000L + 7;
        Map<Labels, List<long[]>> clipped = new TreeMap<>();
        want.forEach((l, list) -> {
            List<long[]> in = new ArrayList<>();
            for (long[] x : list) {
                if (x[0] >= lo && x[0] <= hi) {
                    in.add(x);
                }
            }
            if (!in.isEmpty()) {
                clipped.put(l, in);
            }
        });
        assertSameData(clipped, read(s, lo, hi, LabelMatcher.regex("__name__", ".+")));
        long min = Long.MAX_VALUE;
        for (List<long[]> list : want.values()) {
            min = Math.min(min, list.get(0)[0]);
        }
        assertEquals(min, s.minTime());
    }

    public static void assertSameData(Map<Labels, List<long[]>> want, Map<Labels, List<long[]>> got) {
        assertEquals(want.keySet(), got.keySet());
        want.forEach((l, list) -> {
            List<long[]> g = got.get(l);
            assertEquals(list.size(), g.size(), "sample count of " + l);
            for (int i = 0; i < list.size(); i++) {
                assertEquals(list.get(i)[0], g.get(i)[0], l + " ts #" + i);
                assertEquals(list.get(i)[1], g.get(i)[1], l + " value bits #" + i);
            }
        });
    }

    @Test
    void outOfOrderAndDuplicateSamplesAreRejectedOneByOne() throws Exception {
        Storage s = storage();
        Labels l = Labels.of("__name__", "up");
        Appender a = s.appender();
        long ref = a.append(0, l, 2000, 1);
        a.commit();
        a = s.appender();
        SampleRejectedException e = assertThrows(SampleRejectedException.class, () -> s.appender().append(0, l, 1000, 1));
        assertSame(SampleRejectedException.Reason.OUT_OF_ORDER, e.reason());
        e = assertThrows(SampleRejectedException.class, () -> s.appender().append(0, l, 2000, 5));
        assertSame(SampleRejectedException.Reason.DUPLICATE, e.reason());
        assertEquals("duplicate sample for timestamp", e.getMessage());
        Appender b = s.appender();
        b.append(ref, l, 2000, 1); // same value: accepted silently
        b.append(ref, l, 3000, 3);
        assertThrows(SampleRejectedException.class, () -> b.append(ref, l, 2500, 3)); // in-batch order
        b.append(ref, l, 4000, 4);
        b.commit();
        assertEquals(List.of(2000L, 3000L, 4000L), times(read(s, 0, 10_000).get(l)));
    }

    private static List<Long> times(List<long[]> samples) {
        List<Long> out = new ArrayList<>();
        for (long[] x : samples) {
            out.add(x[0]);
        }
        return out;
    }

    @Test
    void rollbackDiscardsTheBatch() throws Exception {
        Storage s = storage();
        Labels l = Labels.of("__name__", "x");
        Appender a = s.appender();
        a.append(0, l, 1000, 1);
        a.commit();
        a = s.appender();
        a.append(0, l, 2000, 2);
        a.rollback();
        assertEquals(List.of(1000L), times(read(s, 0, 10_000).get(l)));
        a = s.appender();
        a.append(0, l, 2000, 3); // the rolled back timestamp is free again
        a.commit();
        assertEquals(2, read(s, 0, 10_000).get(l).size());
    }

    @Test
    void appendByRefWithoutLabels() throws Exception {
        Storage s = storage();
        Appender a = s.appender();
        long ref = a.append(0, Labels.of("__name__", "a", "k", "v"), 1000, 1);
        a.append(ref, null, 2000, 2);
        a.commit();
        assertEquals(ref, s.appender().append(ref, null, 3000, 3));
        assertEquals(2, read(s, 0, 10_000).get(Labels.of("__name__", "a", "k", "v")).size());
    }

    @Test
    void matchersSelectLikeABruteForceScan() throws Exception {
        Random r = new Random(seed("matchersSelectLikeABruteForceScan"));
        Storage s = storage();
        List<Labels> all = new ArrayList<>();
        Appender a = s.appender();
        for (int i = 0; i < 200; i++) {
            Labels.Builder b = Labels.builder().set("__name__", "metric_" + r.nextInt(4));
            if (r.nextBoolean()) {
                b.set("env", r.nextBoolean() ? "prod" : "dev");
            }
            b.set("pod", "pod-" + r.nextInt(50));
            if (r.nextInt(3) == 0) {
                b.set("zone", "z" + r.nextInt(3));
            }
            Labels l = b.build();
            if (!all.contains(l)) {
                all.add(l);
                a.append(0, l, 1000, i);
            }
        }
        a.commit();
        List<LabelMatcher[]> cases = List.of(
                new LabelMatcher[] {LabelMatcher.equal("__name__", "metric_1")},
                new LabelMatcher[] {LabelMatcher.equal("__name__", "metric_1"), LabelMatcher.equal("env", "prod")},
                new LabelMatcher[] {LabelMatcher.equal("__name__", "metric_2"), LabelMatcher.notEqual("env", "prod")},
                new LabelMatcher[] {LabelMatcher.regex("pod", "pod-1.*"), LabelMatcher.notRegex("zone", "z1|z2")},
                new LabelMatcher[] {LabelMatcher.regex("__name__", "metric_[02]"), LabelMatcher.equal("env", "")},
                new LabelMatcher[] {LabelMatcher.regex("env", "prod|"), LabelMatcher.regex("zone", ".+")},
                new LabelMatcher[] {LabelMatcher.equal("__name__", "nope")},
                new LabelMatcher[] {LabelMatcher.regex("__name__", ".*"), LabelMatcher.notEqual("pod", "pod-3")});
        for (LabelMatcher[] ms : cases) {
            List<Labels> want = new ArrayList<>();
            for (Labels l : all) {
                boolean ok = true;
                for (LabelMatcher m : ms) {
                    ok &= m.matches(l);
                }
                if (ok) {
                    want.add(l);
                }
            }
            want.sort(null);
            assertEquals(want, new ArrayList<>(read(s, 0, 5000, ms).keySet()), java.util.Arrays.toString(ms));
            // label values and names through matchers agree with the same scan
            java.util.TreeSet<String> pods = new java.util.TreeSet<>();
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            for (Labels l : want) {
                if (l.has("pod")) {
                    pods.add(l.get("pod"));
                }
                l.forEach((n, v) -> names.add(n));
            }
            try (Querier q = s.querier(0, 5000)) {
                assertEquals(new ArrayList<>(pods), q.labelValues("pod", ms));
                assertEquals(new ArrayList<>(names), q.labelNames(ms));
            }
        }
        try (Querier q = s.querier(0, 5000)) {
            assertEquals(List.of("metric_0", "metric_1", "metric_2", "metric_3").stream().filter(n -> all.stream().anyMatch(l -> l.metricName().equals(n))).toList(),
                    q.labelValues("__name__"));
            assertTrue(q.labelNames().containsAll(List.of("__name__", "pod")));
            assertEquals(List.of(), q.labelValues("no_such_label"));
        }
    }

    @Test
    void staleMarkerSurvivesAndPlainNaNStaysPlain() throws Exception {
        Storage s = storage();
        Labels l = Labels.of("__name__", "s");
        Appender a = s.appender();
        a.append(0, l, 1000, 1);
        a.append(0, l, 2000, StaleNaN.VALUE);
        a.append(0, l, 3000, Double.NaN);
        a.commit();
        storage = s = reopen(s);
        List<long[]> got = read(s, 0, 5000).get(l);
        assertEquals(StaleNaN.BITS, got.get(1)[1]);
        assertTrue(Double.isNaN(Double.longBitsToDouble(got.get(2)[1])));
        assertNotEquals(StaleNaN.BITS, got.get(2)[1]);
    }

    @Test
    void selectHintsNarrowTheRangeAndIteratorsSeek() throws Exception {
        Storage s = storage();
        Labels l = Labels.of("__name__", "h");
        Appender a = s.appender();
        for (int i = 0; i < 1000; i++) {
            a.append(0, l, i * 10L, i);
        }
        a.commit();
        try (Querier q = s.querier(0, 10_000)) {
            SeriesSet set = q.select(false, SelectHints.range(2000, 2990), LabelMatcher.equal("__name__", "h"));
            assertTrue(set.next());
            SampleIterator it = set.at().iterator(null);
            assertTrue(it.next());
            assertEquals(2000, it.atT());
            assertTrue(it.seek(2505));
            assertEquals(2510, it.atT());
            assertEquals(251.0, it.at());
            assertTrue(it.seek(100)); // never goes back
            assertEquals(2510, it.atT());
            assertFalse(it.seek(3000));
            assertFalse(set.next());
        }
    }

    @Test
    void concurrentAppendersAndReadersSeeEveryCommittedSample() throws Exception {
        Storage s = storage();
        int threads = 4;
        int perThread = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int th = 0; th < threads; th++) {
                int id = th;
                fs.add(pool.submit(() -> {
                    long[] refs = new long[20];
                    for (int i = 0; i < perThread / 20; i++) {
                        Appender a = s.appender();
                        for (int k = 0; k < 20; k++) {
                            // series shared across threads: some samples lose the race and are refused
                            Labels l = Labels.of("__name__", "c", "s", "" + k, "t", "" + (id % 2));
                            try {
                                refs[k] = a.append(refs[k], l, i * 1000L + id, k);
                            } catch (SampleRejectedException e) {
                                // counted by the storage; ordering races between threads are expected here
                            }
                        }
                        a.commit();
                    }
                    return null;
                }));
            }
            fs.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    read(s, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.equal("__name__", "c"));
                }
                return null;
            }));
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<Labels, List<long[]>> got = read(s, Long.MIN_VALUE, Long.MAX_VALUE, LabelMatcher.equal("__name__", "c"));
        assertEquals(40, got.size());
        for (List<long[]> samples : got.values()) {
            assertTrue(samples.size() >= perThread / 20, "each series got at least one thread's samples: " + samples.size());
        }
    }
}
