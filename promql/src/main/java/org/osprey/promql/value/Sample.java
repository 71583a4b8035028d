package org.osprey.promql.value;

import org.osprey.model.labels.Labels;

/** One element of an instant vector: labels, time (ms), value. Thread-safe: immutable. */
public record Sample(Labels labels, long t, double v) {
}
