package org.osprey.pushgateway.metrics;

import java.util.List;

/**
 * A metric family as pushed: name, optional help ({@code null} when the push had none), type and
 * metrics. Thread-safe: immutable (the list is copied).
 */
public record Family(String name, String help, MetricType type, List<Metric> metrics) {
    public Family {
        metrics = List.copyOf(metrics);
    }

    public Family withMetrics(List<Metric> newMetrics) {
        return new Family(name, help, type, newMetrics);
    }
}
