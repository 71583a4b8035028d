package org.osprey.tsdb.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.Querier;
import org.osprey.tsdb.SampleIterator;
import org.osprey.tsdb.SampleRejectedException;
import org.osprey.tsdb.SelectHints;
import org.osprey.tsdb.Series;
import org.osprey.tsdb.SeriesSet;
import org.osprey.tsdb.Storage;

/**
 * A plain in-memory storage: uncompressed arrays, linear matcher scans, nothing on disk.
 *
 * <p>It is the reference the real TSDB is checked against and a fast store for tests that do not
 * care about persistence. Rejects out-of-order and duplicate samples as the TSDB does (a duplicate
 * with the same value bits is accepted silently, as upstream). Thread-safe.
 */
public final class MemoryStorage implements Storage {
    private final ConcurrentHashMap<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<MemSeries> byRef = new CopyOnWriteArrayList<>();

    @Override
    public Appender appender() {
        return new MemAppender();
    }

    @Override
    public long minTime() {
        long min = Long.MAX_VALUE;
        for (MemSeries s : byRef) {
            min = Math.min(min, s.minTime());
        }
        return min;
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return new MemQuerier(mint, maxt);
    }

    @Override
    public void close() {
    }

    /** Number of series held. */
    public int seriesCount() {
        return byRef.size();
    }

    private MemSeries getOrCreate(Labels labels) {
        MemSeries s = byLabels.get(labels);
        if (s != null) {
            return s;
        }
        synchronized (byRef) {
            s = byLabels.get(labels);
            if (s == null) {
                s = new MemSeries(labels, byRef.size() + 1L);
                byRef.add(s);
                byLabels.put(labels, s);
            }
            return s;
        }
    }

    private static final class MemSeries {
        final Labels labels;
        final long ref;
        long[] ts = new long[16];
        double[] vs = new double[16];
        volatile int size;

        MemSeries(Labels labels, long ref) {
            this.labels = labels;
            this.ref = ref;
        }

        synchronized long minTime() {
            return size == 0 ? Long.MAX_VALUE : ts[0];
        }

        synchronized long maxTime() {
            return size == 0 ? Long.MIN_VALUE : ts[size - 1];
        }

        /** Checks without storing; the appender checks again at commit under the lock. */
        synchronized void check(long t, double v) {
            if (size > 0) {
                long last = ts[size - 1];
                if (t < last) {
                    throw SampleRejectedException.OUT_OF_ORDER;
                }
                if (t == last && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(vs[size - 1])) {
                    throw SampleRejectedException.DUPLICATE;
                }
            }
        }

        synchronized void add(long t, double v) {
            if (size > 0 && t <= ts[size - 1]) {
                return; // lost a race with another appender; check() already counted it
            }
            if (size == ts.length) {
                ts = Arrays.copyOf(ts, size * 2);
                vs = Arrays.copyOf(vs, size * 2);
            }
            ts[size] = t;
            vs[size] = v;
            size++;
        }

        synchronized SampleIterator iterator(long mint, long maxt) {
            int from = lowerBound(mint);
            int to = lowerBound(maxt == Long.MAX_VALUE ? maxt : maxt + 1);
            return new ArrayIterator(Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(vs, from, to));
        }

        private int lowerBound(long t) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static final class ArrayIterator implements SampleIterator {
        private final long[] ts;
        private final double[] vs;
        private int i = -1;

        ArrayIterator(long[] ts, double[] vs) {
            this.ts = ts;
            this.vs = vs;
        }

        @Override
        public boolean next() {
            if (i < ts.length) {
                i++;
            }
            return i < ts.length;
        }

        @Override
        public boolean seek(long t) {
            if (i < 0) {
                i = 0;
            }
            while (i < ts.length && ts[i] < t) {
                i++;
            }
            return i < ts.length;
        }

        @Override
        public long atT() {
            return ts[i];
        }

        @Override
        public double at() {
            return vs[i];
        }
    }

    private final class MemAppender implements Appender {
        private final List<MemSeries> series = new ArrayList<>();
        private long[] ts = new long[64];
        private double[] vs = new double[64];

        @Override
        public long append(long ref, Labels labels, long t, double v) {
            MemSeries s;
            if (ref > 0 && ref <= byRef.size()) {
                s = byRef.get((int) ref - 1);
            } else {
                if (labels == null) {
                    throw new IllegalArgumentException("unknown series ref " + ref + " and no labels");
                }
                s = getOrCreate(labels);
            }
            s.check(t, v);
            for (int i = series.size() - 1; i >= 0; i--) {
                if (series.get(i) == s) { // keep in-batch order checks too
                    if (t < ts[i]) {
                        throw SampleRejectedException.OUT_OF_ORDER;
                    }
                    if (t == ts[i]) {
                        if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(vs[i])) {
                            throw SampleRejectedException.DUPLICATE;
                        }
                        return s.ref;
                    }
                    break;
                }
            }
            int n = series.size();
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            series.add(s);
            ts[n] = t;
            vs[n] = v;
            return s.ref;
        }

        @Override
        public void commit() {
            for (int i = 0; i < series.size(); i++) {
                series.get(i).add(ts[i], vs[i]);
            }
            series.clear();
        }

        @Override
        public void rollback() {
            series.clear();
        }
    }

    private final class MemQuerier implements Querier {
        private final long mint;
        private final long maxt;

        MemQuerier(long mint, long maxt) {
            this.mint = mint;
            this.maxt = maxt;
        }

        private List<MemSeries> matching(LabelMatcher... matchers) {
            List<MemSeries> out = new ArrayList<>();
            for (MemSeries s : byRef) {
                if (s.size == 0 || s.maxTime() < mint || s.minTime() > maxt) {
                    continue;
                }
                boolean ok = true;
                for (LabelMatcher m : matchers) {
                    if (!m.matches(s.labels)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        public SeriesSet select(boolean sorted, SelectHints hints, LabelMatcher... matchers) {
            List<MemSeries> found = matching(matchers);
            if (sorted) {
                found.sort((a, b) -> a.labels.compareTo(b.labels));
            }
            long lo = hints == null ? mint : Math.max(mint, hints.start());
            long hi = hints == null ? maxt : Math.min(maxt, hints.end());
            return new SeriesSet() {
                int i = -1;

                @Override
                public boolean next() {
                    return ++i < found.size();
                }

                @Override
                public Series at() {
                    MemSeries s = found.get(i);
                    return new Series() {
                        @Override
                        public Labels labels() {
                            return s.labels;
                        }

                        @Override
                        public SampleIterator iterator(SampleIterator reuse) {
                            return s.iterator(lo, hi);
                        }
                    };
                }
            };
        }

        @Override
        public List<String> labelValues(String name, LabelMatcher... matchers) {
            TreeSet<String> out = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                String v = s.labels.get(name);
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
            return new ArrayList<>(out);
        }

        @Override
        public List<String> labelNames(LabelMatcher... matchers) {
            TreeSet<String> out = new TreeSet<>();
            for (MemSeries s : matching(matchers)) {
                s.labels.forEach((n, v) -> out.add(n));
            }
            return new ArrayList<>(out);
        }

        @Override
        public void close() {
        }
    }
}
