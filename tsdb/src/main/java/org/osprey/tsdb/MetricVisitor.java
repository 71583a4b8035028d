package org.osprey.tsdb;

import org.osprey.model.labels.Labels;

/**
 * Receives one sample of the storage's own metrics, for rendering in the Prometheus text format.
 * Called once per metric family member; {@code help} and {@code type} repeat for each member.
 */
@FunctionalInterface
public interface MetricVisitor {
    /**
     * @param name   metric name, e.g. {@code osprey_tsdb_head_series}
     * @param help   HELP text
     * @param type   "counter" or "gauge"
     * @param labels extra labels ({@link Labels#EMPTY} for none)
     * @param value  current value
     */
    void metric(String name, String help, String type, Labels labels, double value);
}
