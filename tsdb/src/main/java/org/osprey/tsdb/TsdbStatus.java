package org.osprey.tsdb;

import java.util.List;

/**
 * Cardinality statistics of the head, shaped like Prometheus's {@code /api/v1/status/tsdb}.
 * Thread-safe: immutable.
 *
 * @param numSeries                  head series
 * @param numLabelPairs              distinct label name/value pairs in the head
 * @param chunkCount                 head chunks (open and full)
 * @param minTime                    lowest head timestamp, ms (Long.MAX_VALUE when empty)
 * @param maxTime                    highest head timestamp, ms (Long.MIN_VALUE when empty)
 * @param seriesCountByMetricName    top metric names by series count
 * @param labelValueCountByLabelName top label names by distinct value count
 * @param memoryInBytesByLabelName   top label names by bytes of their values summed over pairs
 * @param seriesCountByLabelValuePair top "name=value" pairs by series count
 */
public record TsdbStatus(
        long numSeries,
        long numLabelPairs,
        long chunkCount,
        long minTime,
        long maxTime,
        List<Stat> seriesCountByMetricName,
        List<Stat> labelValueCountByLabelName,
        List<Stat> memoryInBytesByLabelName,
        List<Stat> seriesCountByLabelValuePair) {

    /** One entry of a top-N list. */
    public record Stat(String name, long value) {
    }
}
