package org.osprey.rules;

import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.promql.Engine;
import org.osprey.promql.PromqlException;
import org.osprey.promql.QueryResult;
import org.osprey.promql.value.Sample;
import org.osprey.promql.value.Scalar;
import org.osprey.promql.value.Value;
import org.osprey.promql.value.Vector;
import org.osprey.tsdb.Queryable;

/**
 * Rule queries through the PromQL engine, as upstream's {@code EngineQueryFunc}: vectors pass,
 * scalars become one unlabelled sample, anything else is an error. Thread-safe.
 */
public final class EngineQueryFunc implements QueryFunc {
    private final Engine engine;
    private final Queryable storage;

    public EngineQueryFunc(Engine engine, Queryable storage) {
        this.engine = engine;
        this.storage = storage;
    }

    @Override
    public List<Sample> query(String expr, long timeMillis) {
        QueryResult r;
        try {
            r = engine.instantQuery(storage, expr, timeMillis).execute();
        } catch (PromqlException e) {
            throw new RuleEvaluationException(e.getMessage(), e);
        }
        Value v = r.value();
        if (v instanceof Vector vec) {
            return vec.samples();
        }
        if (v instanceof Scalar s) {
            return List.of(new Sample(Labels.EMPTY, s.t(), s.v()));
        }
        throw new RuleEvaluationException("rule result is not a vector or scalar");
    }
}
