package org.osprey.tsdb.head;

import java.util.List;

/** Persists a committed batch before it is applied (the WAL). Implementations are thread-safe. */
public interface HeadLog {
    /**
     * Writes new series, then the batch's samples; returns when they are as durable as the
     * implementation promises.
     *
     * @throws java.io.UncheckedIOException when the write fails; the batch is then not applied
     */
    void log(List<MemSeries> created, long[] refs, long[] ts, double[] vs, int n);

    /** Records deleted intervals for series refs. */
    default void logTombstones(long[] refs, long from, long to) {
    }

    HeadLog NONE = (created, refs, ts, vs, n) -> { };
}
