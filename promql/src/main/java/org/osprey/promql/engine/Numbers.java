package org.osprey.promql.engine;

import java.util.Arrays;

/** Number helpers that must match Prometheus's statistics. Thread-safe: stateless. */
final class Numbers {
    private Numbers() {
    }

    /**
     * The q-quantile of the first n values (sorted in place, NaN first as Prometheus's sort leaves
     * them), interpolating between neighbours; q out of [0,1] gives -Inf/+Inf, NaN q gives NaN.
     */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNanFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    static void sortNanFirst(double[] values, int n) {
        Arrays.sort(values, 0, n); // NaN last in Java
        int nan = 0;
        while (nan < n && Double.isNaN(values[n - 1 - nan])) {
            nan++;
        }
        if (nan > 0 && nan < n) {
            System.arraycopy(values, 0, values, nan, n - nan);
            Arrays.fill(values, 0, nan, Double.NaN);
        }
    }
}
