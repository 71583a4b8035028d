package org.osprey.tsdb;

/** Something that can open a {@link Querier} over a time range. Thread-safe. */
public interface Queryable {
    /**
     * @param mint inclusive lower bound in ms
     * @param maxt inclusive upper bound in ms
     */
    Querier querier(long mint, long maxt);
}
