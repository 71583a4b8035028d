package org.osprey.tsdb.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.tsdb.Appender;
import org.osprey.tsdb.SampleRejectedException;

/**
 * Collects one batch in primitive arrays; checks each sample on arrival so a rejected one throws
 * right away, then logs and applies the batch on commit. Used by one thread at a time.
 */
final class HeadAppender implements Appender {
    private final Head head;
    private MemSeries[] series = new MemSeries[64];
    private long[] refs = new long[64];
    private long[] ts = new long[64];
    private double[] vs = new double[64];
    private int n;
    private final List<MemSeries> created = new ArrayList<>();

    HeadAppender(Head head) {
        this.head = head;
    }

    @Override
    public long append(long ref, Labels labels, long t, double v) {
        MemSeries s = ref != 0 ? head.table().byRef(ref) : null;
        if (s == null) {
            if (labels == null) {
                throw new IllegalArgumentException("unknown series ref " + ref + " and no labels");
            }
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("empty labelset");
            }
            s = head.getOrCreate(labels, created);
        }
        long oooMin = head.outOfOrderMinTime();
        int kind;
        try {
            kind = s.check(t, v, oooMin, head.minValidTime());
            synchronized (s) {
                if (s.batchOwner == this && t <= s.batchT) {
                    if (t == s.batchT) {
                        if (Double.doubleToRawLongBits(v) == s.batchBits) {
                            return s.ref;
                        }
                        throw SampleRejectedException.DUPLICATE;
                    }
                    if (oooMin == Long.MAX_VALUE) {
                        throw SampleRejectedException.OUT_OF_ORDER;
                    }
                    if (t < oooMin) {
                        throw SampleRejectedException.TOO_OLD;
                    }
                }
                if (s.batchOwner != this || t > s.batchT) {
                    s.batchOwner = this;
                    s.batchT = t;
                    s.batchBits = Double.doubleToRawLongBits(v);
                }
            }
        } catch (SampleRejectedException e) {
            head.counters().rejected(e.reason());
            throw e;
        }
        if (kind == MemSeries.SAME) {
            return s.ref;
        }
        if (n == ts.length) {
            int cap = n * 2;
            series = Arrays.copyOf(series, cap);
            refs = Arrays.copyOf(refs, cap);
            ts = Arrays.copyOf(ts, cap);
            vs = Arrays.copyOf(vs, cap);
        }
        series[n] = s;
        refs[n] = s.ref;
        ts[n] = t;
        vs[n] = v;
        n++;
        return s.ref;
    }

    @Override
    public void commit() {
        try {
            if (n > 0 || !created.isEmpty()) {
                head.commit(created, series, refs, ts, vs, n);
            }
        } finally {
            clear();
        }
    }

    @Override
    public void rollback() {
        clear();
    }

    private void clear() {
        for (int i = 0; i < n; i++) {
            MemSeries s = series[i];
            synchronized (s) {
                if (s.batchOwner == this) {
                    s.batchOwner = null;
                }
            }
            series[i] = null;
        }
        n = 0;
        created.clear();
    }
}
