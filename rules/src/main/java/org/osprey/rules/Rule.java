package org.osprey.rules;

import java.util.List;
import org.osprey.model.labels.Labels;
import org.osprey.promql.value.Sample;

/**
 * A recording or alerting rule ready to evaluate. A rule is evaluated by its group's single
 * thread; the health fields may be read from any thread.
 */
public sealed interface Rule permits RecordingRule, AlertingRule {
    /** The recorded metric name or alert name. */
    String name();

    /** The PromQL text. */
    String query();

    /** Static labels (group labels merged under rule labels). */
    Labels labels();

    /**
     * Evaluates at {@code ts}, querying at {@code ts - queryOffset}.
     *
     * @return samples to append (recorded series, or ALERTS / ALERTS_FOR_STATE)
     * @throws RuleEvaluationException on query errors, duplicate label sets, or limit overrun
     */
    List<Sample> eval(long ts, long queryOffsetMillis, QueryFunc query, int limit);

    /** Health and timing of the last evaluation. */
    RuleStatus status();

    default Health health() {
        return status().health();
    }

    /** Empty when healthy. */
    default String lastError() {
        return status().lastError();
    }

    /** Epoch ms of the last evaluation start, 0 before the first. */
    default long lastEvaluation() {
        return status().lastEvaluation();
    }

    /** Seconds the last evaluation took. */
    default double evaluationSeconds() {
        return status().evaluationSeconds();
    }

    default void setHealth(Health h, String lastError) {
        status().setHealth(h, lastError);
    }

    default void setEvaluation(long startMillis, double seconds) {
        status().setEvaluation(startMillis, seconds);
    }
}
