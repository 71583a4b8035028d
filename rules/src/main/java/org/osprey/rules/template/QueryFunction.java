package org.osprey.rules.template;

import java.util.List;

/** Runs an instant PromQL query for the template {@code query} function. Must be thread-safe. */
@FunctionalInterface
public interface QueryFunction {
    /**
     * @param expr        PromQL text
     * @param timeMillis  evaluation time
     * @return the result vector (a scalar becomes one sample without labels)
     * @throws Exception with the query's error message
     */
    List<QuerySample> query(String expr, long timeMillis) throws Exception;

    /** For parse-only checks: calling it fails. */
    QueryFunction NONE = (expr, t) -> {
        throw new Exception("query function not available");
    };
}
