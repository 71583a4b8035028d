package org.osprey.pushgateway.store;

import java.util.Map;
import java.util.TreeMap;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;

/**
 * One group of pushed metrics: its grouping key, its families by name (labels already carry the
 * grouping labels and {@code instance}), the Unix times in seconds of the last successful and
 * failed change (0 when never), when it was last changed, and when it expires
 * ({@link Long#MAX_VALUE} for never). Thread-safe: immutable.
 */
public record MetricGroup(LabelPairs groupingKey, Map<String, Family> families, double pushTimeSeconds,
                          double pushFailureTimeSeconds, long lastChangeMillis, long expiresAtMillis) {
    public static final long NEVER = Long.MAX_VALUE;

    public MetricGroup {
        families = java.util.Collections.unmodifiableMap(new TreeMap<>(families));
    }

    public boolean lastPushSuccessful() {
        return pushTimeSeconds >= pushFailureTimeSeconds;
    }

    /** The labels of this group's {@code push_time_seconds}: the grouping key plus {@code instance=""} when absent. */
    public LabelPairs exposedKeyLabels() {
        return groupingKey.get("instance") == null ? groupingKey.with("instance", "") : groupingKey;
    }

    public boolean expiredAt(long nowMillis) {
        return expiresAtMillis <= nowMillis;
    }
}
