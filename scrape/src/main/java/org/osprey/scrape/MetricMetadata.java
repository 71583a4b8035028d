package org.osprey.scrape;

/**
 * HELP/TYPE/UNIT of one metric family as a target exposed it ({@code /api/v1/targets/metadata},
 * {@code /api/v1/metadata}). type is the exposition's word ("counter", "gauge", ..., "unknown").
 * Thread-safe: immutable.
 */
public record MetricMetadata(String metric, String type, String help, String unit) {
}
