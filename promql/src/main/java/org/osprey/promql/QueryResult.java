package org.osprey.promql;

import java.util.List;
import org.osprey.promql.value.Value;

/**
 * What a query returns: the value, annotations (warnings then infos, rendered as Prometheus renders
 * them, e.g. "PromQL info: ... (1:5)") and statistics. Thread-safe: immutable.
 */
public record QueryResult(Value value, List<String> warnings, List<String> infos, QueryStats stats) {
    public QueryResult {
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
