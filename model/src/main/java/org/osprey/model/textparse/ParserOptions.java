package org.osprey.model.textparse;

/**
 * How a parser treats input beyond its syntax. Thread-safe: immutable.
 *
 * @param strict apply the format specification's semantic rules (OpenMetrics: family grouping,
 *     histogram consistency, value ranges; text: one HELP/TYPE per family, numeric le/quantile)
 *     in addition to the syntax, which is always checked
 * @param skipCreatedSeries OpenMetrics only: do not return {@code _created} samples of counters,
 *     summaries and histograms as series (use {@link ExpositionParser#createdTimestampMillis()}),
 *     as Prometheus does when created-timestamp ingestion is on
 */
public record ParserOptions(boolean strict, boolean skipCreatedSeries) {
    /**
     * What Prometheus's scrape parsers do: syntax checked, semantics not (real client libraries
     * emit, for example, histograms with negative buckets and a {@code _sum}, which the
     * OpenMetrics specification forbids), {@code _created} samples returned as series.
     */
    public static final ParserOptions SCRAPE = new ParserOptions(false, false);

    /** Everything the specifications require; for validation and conformance. */
    public static final ParserOptions STRICT = new ParserOptions(true, false);
}
