package org.osprey.rules;

import java.util.List;
import org.osprey.promql.value.Sample;

/** Runs a rule's instant query. Implementations must be thread-safe. */
@FunctionalInterface
public interface QueryFunc {
    /**
     * @return the result as a vector (a scalar becomes one sample without labels)
     * @throws RuleEvaluationException when the query fails or returns a string or matrix
     */
    List<Sample> query(String expr, long timeMillis);
}
