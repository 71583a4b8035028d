package org.osprey.scrape;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.value.StaleNaN;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.Series;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;

/** Reads back what the scrape loops wrote, through the storage's own Querier. */
final class StoredSamples {
    record Sample(long t, double v) {
        boolean stale() {
            return StaleNaN.isStale(v);
        }
    }

    record SeriesSamples(Labels labels, List<Sample> samples) {
        Sample last() {
            return samples.get(samples.size() - 1);
        }
    }

    private StoredSamples() {
    }

    static List<SeriesSamples> select(Storage s, LabelMatcher... m) {
        List<SeriesSamples> out = new ArrayList<>();
        try (Querier q = s.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE), m);
            while (set.next()) {
                Series ser = set.at();
                List<Sample> samples = new ArrayList<>();
                SampleIterator it = ser.iterator(null);
                while (it.next()) {
                    samples.add(new Sample(it.atT(), it.at()));
                }
                out.add(new SeriesSamples(ser.labels(), samples));
            }
        }
        return out;
    }

    static List<SeriesSamples> metric(Storage s, String name) {
        return select(s, LabelMatcher.equal("__name__", name));
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
