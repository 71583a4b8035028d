package org.osprey.rules.rulefmt;

import java.util.Map;

/**
 * One rule of a rule file as written: {@code record} or {@code alert}, {@code expr}, durations
 * in milliseconds, labels and annotations (in file order). Positions point at the values for
 * error messages. Immutable.
 */
public record Rule(String record, String alert, String expr, long forMillis, long keepFiringForMillis,
        Map<String, String> labels, Map<String, String> annotations, Pos recordPos, Pos alertPos, Pos exprPos) {
    public Rule {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    }

    public boolean isAlert() {
        return !alert.isEmpty();
    }

    /** The rule's name: alert name or recorded metric name. */
    public String name() {
        return alert.isEmpty() ? record : alert;
    }
}
