package org.osprey.tsdb.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Tsdb;
import org.osprey.tsdb.TsdbOptions;
import org.osprey.tsdb.TsdbStatus;

class HeadTest {
    private static List<Long> times(Tsdb db, Labels l) {
        List<Long> out = new ArrayList<>();
        try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, null, LabelMatcher.equal("__name__", l.metricName()));
            while (set.next()) {
                if (set.at().labels().equals(l)) {
                    SampleIterator it = set.at().iterator(null);
                    while (it.next()) {
                        out.add(it.atT());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void outOfOrderWindowAcceptsLateSamplesAndRefusesTooOldOnes() {
        try (Tsdb db = Tsdb.inMemory(TsdbOptions.defaults().withOutOfOrderWindow(10_000))) {
            Labels l = Labels.of("__name__", "late");
            Appender a = db.appender();
            for (long t = 20_000; t <= 40_000; t += 5_000) {
                a.append(0, l, t, t);
            }
            a.commit();
            a = db.appender();
            a.append(0, l, 32_000, 1); // inside the 10 s window behind 40 s
            SampleRejectedException e = assertThrows(SampleRejectedException.class, () -> db.appender().append(0, l, 29_999, 1));
            assertSame(SampleRejectedException.Reason.TOO_OLD, e.reason());
            a.commit();
            assertEquals(List.of(20_000L, 25_000L, 30_000L, 32_000L, 35_000L, 40_000L), times(db, l));
            assertEquals(1, db.counters().rejectedCount(SampleRejectedException.Reason.TOO_OLD));
        }
    }

    @Test
    void rejectionsAreCountedByReason() {
        try (Tsdb db = Tsdb.inMemory(TsdbOptions.defaults())) {
            Labels l = Labels.of("__name__", "r");
            Appender a = db.appender();
            a.append(0, l, 100, 1);
            a.commit();
            for (int i = 0; i < 3; i++) {
                assertThrows(SampleRejectedException.class, () -> db.appender().append(0, l, 50, 1));
            }
            assertThrows(SampleRejectedException.class, () -> db.appender().append(0, l, 100, 2));
            assertEquals(3, db.counters().rejectedCount(SampleRejectedException.Reason.OUT_OF_ORDER));
            assertEquals(1, db.counters().rejectedCount(SampleRejectedException.Reason.DUPLICATE));
            double[] seen = new double[1];
            db.forEachMetric((name, help, type, labels, value) -> {
                if (name.equals("osprey_tsdb_out_of_order_samples_total")) {
                    seen[0] = value;
                    assertEquals("counter", type);
                }
            });
            assertEquals(3.0, seen[0]);
        }
    }

    @Test
    void chunksAreCutAtAbout120SamplesAndAtBlockBoundaries() {
        TsdbOptions opts = TsdbOptions.defaults();
        try (Tsdb db = Tsdb.inMemory(opts)) {
            Labels l = Labels.of("__name__", "c");
            Appender a = db.appender();
            for (int i = 0; i < 1000; i++) {
                a.append(0, l, i * 15_000L, i);
            }
            a.commit();
            TsdbStatus st = db.status(10);
            // 1000 samples over 4.2 h: 120-sample chunks plus cuts at the 2 h boundaries
            assertTrue(st.chunkCount() >= 9 && st.chunkCount() <= 11, "chunks " + st.chunkCount());
            assertEquals(1000, times(db, l).size());
        }
    }

    @Test
    void truncationDropsOldChunksAndCollectsEmptySeries() {
        Head head = new Head(TsdbOptions.defaults(), new org.osprey.tsdb.TsdbCounters(), FullChunkStore.HEAP);
        Appender a = head.appender();
        Labels old = Labels.of("__name__", "old");
        Labels live = Labels.of("__name__", "live");
        a.append(0, old, 1000, 1);
        a.append(0, live, 1000, 1);
        for (long t = 7_200_000; t < 7_300_000; t += 15_000) {
            a.append(0, live, t, 2);
        }
        a.commit();
        assertEquals(2, head.numSeries());
        assertEquals(1, head.truncate(7_200_000));
        assertEquals(1, head.numSeries());
        assertNull(head.series(old));
        assertEquals(7_200_000, head.minTime());
        assertEquals(List.of(), head.postings().labelValues("__name__").stream().filter("old"::equals).toList());
        assertSame(SampleRejectedException.OUT_OF_BOUNDS, assertThrows(SampleRejectedException.class,
                () -> head.appender().append(0, old, 5000, 1)));
    }

    @Test
    void statusReportsCardinalityTops() {
        try (Tsdb db = Tsdb.inMemory(TsdbOptions.defaults())) {
            Appender a = db.appender();
            for (int i = 0; i < 30; i++) {
                a.append(0, Labels.of("__name__", "big", "i", "" + i), 1000, 1);
            }
            for (int i = 0; i < 5; i++) {
                a.append(0, Labels.of("__name__", "small", "i", "" + i), 1000, 1);
            }
            a.commit();
            TsdbStatus st = db.status(2);
            assertEquals(35, st.numSeries());
            assertEquals(new TsdbStatus.Stat("big", 30), st.seriesCountByMetricName().get(0));
            assertEquals(new TsdbStatus.Stat("i", 30), st.labelValueCountByLabelName().get(0));
            assertEquals(new TsdbStatus.Stat("__name__=big", 30), st.seriesCountByLabelValuePair().get(0));
            assertEquals(2, st.seriesCountByLabelValuePair().size());
            assertEquals(1000, st.minTime());
        }
    }

    @Test
    void seriesWithCollidingHashesStayApart() {
        // "Aa" and "BB" have equal String hash codes, so these label sets share a stripe and hash.
        Labels x = Labels.of("__name__", "h", "k", "Aa");
        Labels y = Labels.of("__name__", "h", "k", "BB");
        assertEquals(x.hashCode(), y.hashCode());
        try (Tsdb db = Tsdb.inMemory(TsdbOptions.defaults())) {
            Appender a = db.appender();
            long rx = a.append(0, x, 1000, 1);
            long ry = a.append(0, y, 1000, 2);
            a.commit();
            assertTrue(rx != ry);
            assertEquals(List.of(1000L), times(db, x));
            assertEquals(2, db.headSeries());
        }
    }
}
