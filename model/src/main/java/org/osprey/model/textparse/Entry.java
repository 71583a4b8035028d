package org.osprey.model.textparse;

/** What {@link ExpositionParser#next()} found. Thread-safe: enum. */
public enum Entry {
    /** A sample line: series text, value, optional timestamp (and exemplar in OpenMetrics). */
    SERIES,
    /** A {@code # TYPE} line. */
    TYPE,
    /** A {@code # HELP} line. */
    HELP,
    /** A {@code # UNIT} line (OpenMetrics only). */
    UNIT,
    /** Any other comment line (text format only; OpenMetrics has no free comments). */
    COMMENT,
    /** The input ended (OpenMetrics: the {@code # EOF} line was read and nothing follows it). */
    EOF
}
