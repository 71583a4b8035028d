package org.osprey.model.exposition;

/**
 * One classic histogram bucket: its inclusive upper bound ({@code le}) and the cumulative count
 * of observations at or below it. Thread-safe: immutable.
 */
public record Bucket(double upperBound, double cumulativeCount) {
}
