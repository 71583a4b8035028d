package org.osprey.pushgateway.metrics;

import java.util.Arrays;

/**
 * One metric of a family: its labels and its value. For counters, gauges and untyped metrics
 * {@code value} holds the sample. For summaries {@code bounds}/{@code counts} are the quantiles and
 * their values; for histograms they are the bucket upper bounds and cumulative counts; both also
 * carry {@code sampleCount} and {@code sampleSum}. {@code timestampMillis} is
 * {@link #NO_TIMESTAMP} unless the pusher sent one (which a push then rejects, as upstream does).
 * Thread-safe: immutable by convention (the arrays are never modified after construction).
 */
public record Metric(LabelPairs labels, double value, double sampleCount, double sampleSum,
                     double[] bounds, double[] counts, long timestampMillis) {
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final double[] NONE = new double[0];

    /** A counter, gauge or untyped sample. */
    public static Metric simple(LabelPairs labels, double value, long timestampMillis) {
        return new Metric(labels, value, 0, 0, NONE, NONE, timestampMillis);
    }

    public boolean hasTimestamp() {
        return timestampMillis != NO_TIMESTAMP;
    }

    /** The same metric with other labels. */
    public Metric withLabels(LabelPairs newLabels) {
        return new Metric(newLabels, value, sampleCount, sampleSum, bounds, counts, timestampMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && labels.equals(m.labels)
                && Double.compare(value, m.value) == 0 && Double.compare(sampleCount, m.sampleCount) == 0
                && Double.compare(sampleSum, m.sampleSum) == 0 && Arrays.equals(bounds, m.bounds)
                && Arrays.equals(counts, m.counts) && timestampMillis == m.timestampMillis;
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return labels + " " + value + (bounds.length > 0 ? " " + Arrays.toString(bounds) + "=" + Arrays.toString(counts) : "");
    }
}
