package org.osprey.promql.engine;

import org.osprey.model.labels.Labels;

/** Raw points of one series for range functions, in time order. Not thread-safe. */
final class RangeSeries {
    final Labels labels;
    final long[] t;
    final double[] v;
    final int n;
    final boolean dropName;

    RangeSeries(Labels labels, long[] t, double[] v, int n, boolean dropName) {
        this.labels = labels;
        this.t = t;
        this.v = v;
        this.n = n;
        this.dropName = dropName;
    }
}
