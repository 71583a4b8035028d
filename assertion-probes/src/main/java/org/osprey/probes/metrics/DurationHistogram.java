package org.osprey.probes.metrics;

/**
 * Cumulative-bucket histogram of run durations in seconds, with fixed bounds that cover probe
 * timeouts up to a minute. Recording allocates nothing. Thread-safe: no; its owner
 * ({@link ProbeStats}) guards it.
 */
final class DurationHistogram {
    /** Prometheus' default buckets, extended to 60 s because a probe timeout may be that long. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final long[] counts = new long[BOUNDS.length];
    private long count;
    private double sum;

    void record(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                counts[i]++;
            }
        }
        count++;
        sum += seconds;
    }

    /** Cumulative count of observations at or below {@code BOUNDS[i]}. */
    long bucket(int i) {
        return counts[i];
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    DurationHistogram copy() {
        DurationHistogram h = new DurationHistogram();
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        h.count = count;
        h.sum = sum;
        return h;
    }
}
