package org.osprey.rules;

import org.osprey.model.labels.Labels;

/**
 * Receives the rule engine's own metrics so the server can render them in its exposition format;
 * keeps this module free of any metrics library. Called from one thread per visit.
 */
public interface MetricVisitor {
    void counter(String name, String help, Labels labels, double value);

    void gauge(String name, String help, Labels labels, double value);
}
