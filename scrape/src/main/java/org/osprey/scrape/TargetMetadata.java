package org.osprey.scrape;

import org.osprey.model.labels.Labels;

/** One metric's metadata as seen on one target (an entry of {@code /api/v1/targets/metadata}). Thread-safe: immutable. */
public record TargetMetadata(Labels target, MetricMetadata metadata) {
}
