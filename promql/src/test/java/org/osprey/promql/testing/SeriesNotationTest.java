package org.osprey.promql.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.memory.MemoryStorage;
import org.osprey.model.labels.LabelMatcher;

class SeriesNotationTest {
    @Test
    void expandsEveryItemForm() {
        SeriesNotation.Parsed p = SeriesNotation.parseLine("up{job=\"a\", l=\"x y\"} 0+10x2 _ stale 1x1 _x2 -Inf 5-1x1");
        assertEquals(Labels.of("__name__", "up", "job", "a", "l", "x y"), p.labels());
        // 0+10x2 -> 3 values, _ -> 1 gap, stale, 1x1 -> 2 values, _x2 -> 2 gaps, -Inf, 5-1x1 -> 2 values
        assertEquals(12, p.size());
        assertArrayEquals(new boolean[] {true, true, true, false, true, true, true, false, false, true, true, true},
                p.present());
        assertEquals(20.0, p.values()[2]);
        assertTrue(StaleNaN.isStale(p.values()[4]));
        assertEquals(Double.NEGATIVE_INFINITY, p.values()[9]);
        assertEquals(4.0, p.values()[11]);
    }

    @Test
    void incrementsAccumulateByRepeatedAddition() {
        SeriesNotation.Parsed p = SeriesNotation.parseLine("m 0+0.1x3");
        double x = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(x, p.values()[i]); // bit-identical to x += 0.1, not i * 0.1
            x += 0.1;
        }
    }

    @Test
    void countsNativeHistogramsWithoutStoringThem() {
        SeriesNotation.Parsed p = SeriesNotation.parseLine("h {{schema:1 sum:3 count:22 buckets:[5 10 7]}}x2 4");
        assertEquals(3, p.histogramSlots());
        assertEquals(4, p.size());
        assertEquals(4.0, p.values()[3]);
    }

    @Test
    void appendsAtStepMultiplesAndRejectsJunk() {
        MemoryStorage st = new MemoryStorage();
        Appender app = st.appender();
        assertEquals(2, SeriesNotation.append(app, SeriesNotation.parseLine("{__name__=\"m\"} 1 _ 3"), 0, 60_000));
        app.commit();
        try (Querier q = st.querier(0, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, null, LabelMatcher.equal("__name__", "m"));
            assertTrue(set.next());
            SampleIterator it = set.at().iterator(null);
            assertTrue(it.next());
            assertEquals(0, it.atT());
            assertTrue(it.next());
            assertEquals(120_000, it.atT());
            assertEquals(3.0, it.at());
        }
        assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parseLine("m 1 bogus"));
    }
}
