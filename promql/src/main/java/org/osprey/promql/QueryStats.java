package org.osprey.promql;

/**
 * Per-query statistics for {@code stats=all}. Times in nanoseconds.
 *
 * @param totalSamples       samples read from storage
 * @param peakSamples        samples held at the peak (upper bound as counted by the engine)
 * @param queueNanos         time spent waiting for a concurrency slot
 * @param prepareNanos       time spent selecting series
 * @param evalNanos          total evaluation time (including preparation)
 *                           Thread-safe: immutable.
 */
public record QueryStats(long totalSamples, long peakSamples, long queueNanos, long prepareNanos, long evalNanos) {
}
