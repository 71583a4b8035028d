package org.osprey.promql.parser;

/** Aggregation operators; {@link #hasParam()} tells which take a first parameter. Thread-safe: enum. */
public enum AggregateOp {
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE, LIMITK, LIMIT_RATIO;

    public boolean hasParam() {
        return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE || this == LIMITK
                || this == LIMIT_RATIO;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
