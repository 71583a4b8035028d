package org.osprey.pushgateway.exposition;

import java.util.List;
import org.osprey.pushgateway.metrics.Metric;
import org.osprey.pushgateway.metrics.MetricType;

/**
 * One family as /metrics exposes it: merged across groups, metrics in exposition order.
 * Thread-safe: immutable.
 */
public record ExposedFamily(String name, String help, MetricType type, List<Metric> metrics) {
    public ExposedFamily {
        metrics = List.copyOf(metrics);
    }
}
