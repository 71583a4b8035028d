package org.osprey.tsdb;

import org.osprey.model.labels.Labels;

/**
 * A batch of appends that becomes visible and durable together on {@link #commit()}.
 *
 * <p>Samples rejected one by one (out of order, duplicate, too old) throw a {@link SampleRejectedException}
 * from {@code append}; the rest of the batch is unaffected and still commits. One appender is used
 * by one thread at a time; many appenders may be open at once.
 */
public interface Appender {
    /**
     * Appends one float sample.
     *
     * @param ref    a series ref returned by an earlier append on this storage, or 0 when unknown
     * @param labels the series labels; may be null only when {@code ref} is a valid non-zero ref
     * @param t      timestamp in milliseconds since the epoch
     * @param v      value; {@link org.osprey.model.value.StaleNaN#VALUE} marks staleness
     * @return the series ref to pass on the next append of the same series (never 0)
     * @throws SampleRejectedException when this one sample is refused (the batch goes on)
     */
    long append(long ref, Labels labels, long t, double v);

    /** Makes every accepted sample of the batch visible and, per the storage's WAL policy, durable. */
    void commit();

    /** Discards the batch. */
    void rollback();
}
