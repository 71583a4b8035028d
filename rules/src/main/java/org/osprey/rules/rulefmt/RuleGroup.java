package org.osprey.rules.rulefmt;

import java.util.List;
import java.util.Map;

/**
 * One {@code groups[]} entry: name, evaluation interval (0 = the global default), query offset
 * (null = the global default), alert/series limit (0 = none), group labels and rules. Immutable.
 */
public record RuleGroup(String name, long intervalMillis, Long queryOffsetMillis, int limit, Map<String, String> labels,
        List<Rule> rules, Pos pos) {
    public RuleGroup {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        rules = List.copyOf(rules);
    }
}
