package org.osprey.model.exposition;

import java.util.List;
import java.util.Objects;
import org.osprey.model.labels.Labels;

/**
 * One metric of a {@link MetricFamily}, as {@code io.prometheus.client.Metric} carries it: its
 * labels (without {@code __name__}), and depending on the family type either a single
 * {@link #value()} (counter, gauge, untyped) or count, sum and quantiles (summary) or count, sum
 * and cumulative buckets (histogram, gauge histogram). Thread-safe: immutable.
 *
 * @param labels label pairs without the metric name
 * @param value counter, gauge or untyped value; NaN for summaries and histograms
 * @param count observation count of a summary or histogram (integral in practice)
 * @param sum observation sum of a summary or histogram
 * @param quantiles summary quantiles in exposition order; empty otherwise
 * @param buckets histogram buckets in ascending {@code le} order; empty otherwise
 * @param timestampMs sample timestamp in milliseconds, or {@link #NO_TIMESTAMP}
 * @param emptyLabelNames names of labels the input carried with an empty value, sorted and
 *     unique, none of them in {@code labels}. {@link Labels} drops empty values (for storage an
 *     empty value means "absent"), but a Pushgateway keeps and re-exposes {@code e=""} as pushed,
 *     so the parsers record those names here; every other consumer can ignore them.
 */
public record Metric(Labels labels, double value, double count, double sum, List<Quantile> quantiles,
        List<Bucket> buckets, long timestampMs, List<String> emptyLabelNames) {
    /** Marks a metric without an explicit timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Metric {
        Objects.requireNonNull(labels, "labels");
        quantiles = List.copyOf(quantiles);
        buckets = List.copyOf(buckets);
        emptyLabelNames = List.copyOf(emptyLabelNames);
        for (int i = 0; i < emptyLabelNames.size(); i++) {
            String n = emptyLabelNames.get(i);
            if (i > 0 && emptyLabelNames.get(i - 1).compareTo(n) >= 0) {
                throw new IllegalArgumentException("empty label names not sorted or not unique at " + n);
            }
            if (labels.has(n)) {
                throw new IllegalArgumentException("label " + n + " is both empty and set");
            }
        }
    }

    /** A metric without empty-valued labels. */
    public Metric(Labels labels, double value, double count, double sum, List<Quantile> quantiles,
            List<Bucket> buckets, long timestampMs) {
        this(labels, value, count, sum, quantiles, buckets, timestampMs, List.of());
    }

    /** A counter, gauge or untyped metric. */
    public static Metric ofValue(Labels labels, double value, long timestampMs) {
        return new Metric(labels, value, Double.NaN, Double.NaN, List.of(), List.of(), timestampMs);
    }

    /** A summary metric. */
    public static Metric ofSummary(Labels labels, double count, double sum, List<Quantile> quantiles, long timestampMs) {
        return new Metric(labels, Double.NaN, count, sum, quantiles, List.of(), timestampMs);
    }

    /** A histogram or gauge histogram metric. */
    public static Metric ofHistogram(Labels labels, double count, double sum, List<Bucket> buckets, long timestampMs) {
        return new Metric(labels, Double.NaN, count, sum, List.of(), buckets, timestampMs);
    }

    public boolean hasTimestamp() {
        return timestampMs != NO_TIMESTAMP;
    }

    /**
     * The same metric with other labels (for example grouping labels added by a Pushgateway); the
     * empty label names are dropped, since the new labels replace the whole set.
     */
    public Metric withLabels(Labels newLabels) {
        return new Metric(newLabels, value, count, sum, quantiles, buckets, timestampMs, List.of());
    }

    /** The same metric that also records these (sorted, unique) empty-valued label names. */
    public Metric withEmptyLabelNames(List<String> names) {
        return new Metric(labels, value, count, sum, quantiles, buckets, timestampMs, names);
    }

    /** The same metric with another timestamp ({@link #NO_TIMESTAMP} to drop it). */
    public Metric withTimestamp(long newTimestampMs) {
        return new Metric(labels, value, count, sum, quantiles, buckets, newTimestampMs, emptyLabelNames);
    }
}
