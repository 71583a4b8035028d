package org.osprey.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osprey.model.labels.Labels;
import org.osprey.promql.value.Sample;

/**
 * A recording rule: the query result renamed to the rule name with the rule labels applied.
 * Thread-safety: evaluated by one thread; status readable from any.
 */
public final class RecordingRule implements Rule {
    private final String name;
    private final String query;
    private final Labels labels;
    private final RuleStatus status = new RuleStatus();

    public RecordingRule(String name, String query, Labels labels) {
        this.name = name;
        this.query = query;
        this.labels = labels;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public List<Sample> eval(long ts, long queryOffsetMillis, QueryFunc queryFunc, int limit) {
        List<Sample> vector = queryFunc.query(query, ts - queryOffsetMillis);
        List<Sample> out = new ArrayList<>(vector.size());
        Set<Labels> seen = new HashSet<>();
        for (Sample s : vector) {
            Labels.Builder b = s.labels().toBuilder();
            b.set(Labels.METRIC_NAME, name);
            labels.forEach(b::set);
            Labels l = b.build();
            if (!seen.add(l)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new Sample(l, s.t(), s.v()));
        }
        if (limit > 0 && out.size() > limit) {
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    @Override
    public RuleStatus status() {
        return status;
    }

    /** Same definition (used to keep a running group over a reload). */
    boolean sameAs(RecordingRule o) {
        return name.equals(o.name) && query.equals(o.query) && labels.equals(o.labels);
    }

    @Override
    public String toString() {
        return "record: " + name + "\nexpr: " + query + "\n";
    }
}
