package org.osprey.server.api;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;

/**
 * What the API needs from the PromQL engine, so HTTP concerns stay out of {@code promql}.
 * Implementations throw {@link ApiException} with the upstream error type (parse errors bad_data,
 * evaluation errors execution, timeouts timeout). Thread-safe.
 */
public interface QueryService {
    /** Evaluates {@code query} at {@code timeMs}. */
    QueryOutcome instant(String query, long timeMs, QueryOptions options);

    /** Evaluates {@code query} at every step in [start, end]. */
    QueryOutcome range(String query, long startMs, long endMs, long stepMs, QueryOptions options);

    /**
     * Parses a series selector ({@code match[]}); the message of a failure is the parser's.
     *
     * @throws ApiException bad_data
     */
    List<LabelMatcher> parseSelector(String selector);

    /** Prometheus's pretty form of the expression ({@code /api/v1/format_query}). */
    String format(String query);

    /** Writes the expression's syntax tree as {@code /api/v1/parse_query} shows it. */
    void writeSyntaxTree(String query, Json out);

    /**
     * Per-query options from the request.
     *
     * @param timeoutMs  0 means the server default
     * @param lookbackMs 0 means the server default
     * @param stats      the {@code stats} parameter, "" when absent
     */
    record QueryOptions(long timeoutMs, long lookbackMs, String stats) {
    }

    /**
     * A finished query.
     *
     * @param resultType {@code matrix}, {@code vector}, {@code scalar} or {@code string}
     * @param result     writes the {@code result} value
     * @param warnings   warnings to show
     * @param infos      informational annotations (Prometheus 3 "infos")
     * @param stats      writes the {@code stats} object, or null when not asked for
     */
    record QueryOutcome(String resultType, JsonPart result, List<String> warnings, List<String> infos, JsonPart stats) {
        public QueryOutcome {
            warnings = List.copyOf(warnings);
            infos = List.copyOf(infos);
        }
    }

    /** A piece of a response written straight to the output. */
    @FunctionalInterface
    interface JsonPart {
        void write(Json out);
    }
}
