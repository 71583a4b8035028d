package org.osprey.pushgateway.store;

import java.util.List;
import org.osprey.pushgateway.metrics.Family;
import org.osprey.pushgateway.metrics.LabelPairs;

/**
 * One push: the grouping key, the decoded families (labels as pushed), whether it replaces the
 * whole group (PUT) or only same-named families (POST), when it arrived, and the group time to
 * live in milliseconds (0 for the store's default, negative for never). Thread-safe: immutable.
 */
public record WriteRequest(LabelPairs groupingKey, List<Family> families, boolean replaceAll, long timeMillis,
                           long ttlMillis) {
    public WriteRequest {
        families = List.copyOf(families);
    }
}
