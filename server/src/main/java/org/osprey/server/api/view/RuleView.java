package org.osprey.server.api.view;

import java.util.List;
import org.osprey.model.labels.Labels;

/**
 * One rule as {@code /api/v1/rules} shows it. Thread-safe: immutable.
 *
 * @param alerting       true for an alerting rule, false for a recording rule
 * @param state          alerting only: {@code inactive}, {@code pending}, {@code firing}
 * @param forSeconds     alerting only: the {@code for} duration
 * @param health         {@code ok}, {@code err} or {@code unknown}
 * @param lastEvaluationMs ms since epoch, 0 when never evaluated
 */
public record RuleView(boolean alerting, String name, String query, Labels labels, Labels annotations,
                       double forSeconds, double keepFiringForSeconds, String state, List<AlertView> alerts,
                       String health, String lastError, double evaluationSeconds, long lastEvaluationMs) {
    public RuleView {
        alerts = List.copyOf(alerts);
    }
}
