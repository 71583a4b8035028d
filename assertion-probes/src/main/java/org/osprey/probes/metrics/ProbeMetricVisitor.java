package org.osprey.probes.metrics;

import org.osprey.model.labels.Labels;

/**
 * Receives the probe metrics for rendering (the server's /metrics), keeping this module free of
 * any metrics library. {@link #family} is called once per family, before that family's samples;
 * histogram samples arrive as {@code _bucket} (with {@code le}), {@code _sum} and {@code _count}.
 * Called from one thread per visit.
 */
public interface ProbeMetricVisitor {
    /** @param type "gauge", "counter" or "histogram" */
    void family(String name, String type, String help);

    /** @param name the sample name, which for histograms carries the suffix */
    void sample(String name, Labels labels, double value);

    /** The labels as alternating names and values, the shape text writers usually take. */
    static String[] labelPairs(Labels labels) {
        String[] kv = new String[labels.size() * 2];
        for (int i = 0; i < labels.size(); i++) {
            kv[2 * i] = labels.name(i);
            kv[2 * i + 1] = labels.value(i);
        }
        return kv;
    }
}
