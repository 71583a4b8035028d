package org.osprey.model.exposition;

/**
 * One summary quantile: the rank in [0, 1] and the observed value at it. Thread-safe: immutable.
 */
public record Quantile(double quantile, double value) {
}
