package org.osprey.tsdb;

/** The storage SPI that scrape, PromQL, rules and the API use. Thread-safe. */
public interface Storage extends Queryable, AutoCloseable {
    /** A new batch; use from one thread, then commit or roll back. */
    Appender appender();

    /** Lowest timestamp held, or Long.MAX_VALUE when empty (used for the API's start defaults). */
    long minTime();

    @Override
    void close();
}
