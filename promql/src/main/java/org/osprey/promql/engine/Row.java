package org.osprey.promql.engine;

import java.util.Arrays;
import org.osprey.model.labels.Labels;

/**
 * One series of an instant-vector result across all evaluation steps: {@code v[i]} is the value at
 * step i or {@link #ABSENT}. {@code dropName} marks the metric name for removal at the end of the
 * query (Prometheus's delayed name removal). Not thread-safe: owned by one evaluation.
 */
public final class Row {
    /** Bit pattern for "no sample at this step"; distinct from ordinary NaN and the stale marker. */
    static final long ABSENT_BITS = 0x7ff00000000000a5L;
    static final double ABSENT = Double.longBitsToDouble(ABSENT_BITS);

    Labels labels;
    final double[] v;
    boolean dropName;

    Row(Labels labels, double[] v, boolean dropName) {
        this.labels = labels;
        this.v = v;
        this.dropName = dropName;
    }

    static Row empty(Labels labels, int steps, boolean dropName) {
        double[] v = new double[steps];
        Arrays.fill(v, ABSENT);
        return new Row(labels, v, dropName);
    }

    static boolean absent(double x) {
        return Double.doubleToRawLongBits(x) == ABSENT_BITS;
    }

    boolean has(int step) {
        return Double.doubleToRawLongBits(v[step]) != ABSENT_BITS;
    }

    int count() {
        int n = 0;
        for (double x : v) {
            if (Double.doubleToRawLongBits(x) != ABSENT_BITS) {
                n++;
            }
        }
        return n;
    }
}
