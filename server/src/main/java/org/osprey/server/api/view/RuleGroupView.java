package org.osprey.server.api.view;

import java.util.List;

/** One rule group. Thread-safe: immutable. */
public record RuleGroupView(String name, String file, List<RuleView> rules, double intervalSeconds, long limit,
                            double evaluationSeconds, long lastEvaluationMs) {
    public RuleGroupView {
        rules = List.copyOf(rules);
    }
}
