package org.osprey.model.textparse;

import org.osprey.model.labels.Labels;
import org.osprey.model.metadata.MetricType;

/**
 * A streaming pull parser over one exposition body held in a byte array.
 *
 * <p>Call {@link #next()} until it returns {@link Entry#EOF}; after each entry, the accessors
 * for that entry kind describe it until the next call. Nothing is allocated for a
 * {@link Entry#SERIES} unless {@link #labels()} (or an exemplar accessor) is called: a scraper
 * looks up its per-target cache by the raw bytes {@code buffer()[seriesStart() .. seriesEnd())}
 * and builds labels only on a miss. Accessors for another entry kind throw
 * {@link IllegalStateException}.
 *
 * <p>Thread-safety: not thread-safe; one parser per body and thread.
 */
public interface ExpositionParser {

    /**
     * Advances to the next entry.
     *
     * @return the kind of entry now current; {@link Entry#EOF} once the input is exhausted
     *     (and on every later call)
     * @throws ExpositionParseException naming the 1-based line and the problem
     */
    Entry next();

    /** The 1-based line number of the current entry. */
    int lineNumber();

    // ---- SERIES ----

    /** The input buffer the series offsets point into (not a copy; do not modify). */
    byte[] buffer();

    /** Offset of the first byte of the current series text ({@code name{labels}}). */
    int seriesStart();

    /** Offset one past the last byte of the current series text. */
    int seriesEnd();

    /** The metric name of the current series (builds a String). */
    String metricName();

    /**
     * The labels of the current series, including {@code __name__}; values unescaped. Builds a new
     * {@link Labels} on each call, so call it only on a cache miss.
     */
    Labels labels();

    /** The sample value of the current series. */
    double value();

    /** True when the current sample carries a timestamp. */
    boolean hasTimestamp();

    /** The sample timestamp in milliseconds since the epoch; only valid when {@link #hasTimestamp()}. */
    long timestampMillis();

    /** True when the current sample carries an exemplar (OpenMetrics only). */
    boolean hasExemplar();

    /** The exemplar's labels (builds a new Labels); only valid when {@link #hasExemplar()}. */
    Labels exemplarLabels();

    /** The exemplar's value; only valid when {@link #hasExemplar()}. */
    double exemplarValue();

    /** True when the exemplar has a timestamp. */
    boolean exemplarHasTimestamp();

    /** The exemplar timestamp in milliseconds; only valid when {@link #exemplarHasTimestamp()}. */
    long exemplarTimestampMillis();

    /**
     * The created timestamp of the current counter, summary or histogram series in milliseconds,
     * taken from the matching OpenMetrics {@code _created} sample of the same family and labels,
     * or {@link Long#MIN_VALUE} when there is none (always so for the text format). Scans ahead,
     * so call it only when created timestamps are wanted.
     */
    long createdTimestampMillis();

    // ---- TYPE / HELP / UNIT, and SERIES (the family the series belongs to) ----

    /** The family name of the current TYPE/HELP/UNIT line. */
    String familyName();

    /**
     * The type of the current TYPE line, or for a SERIES the type declared for its family
     * ({@link MetricType#UNKNOWN} when none was declared).
     */
    MetricType type();

    /** The unescaped text of the current HELP line. */
    String help();

    /** The unit of the current UNIT line. */
    String unit();

    /** The text of the current COMMENT line, without the leading {@code #}. */
    String comment();
}
