package org.osprey.promql.value;

import java.util.Arrays;
import org.osprey.model.labels.Labels;

/**
 * One series of a matrix: labels and parallel timestamp (ms) / value arrays in time order.
 * Thread-safe: treated as immutable; callers must not modify the arrays they pass or receive.
 */
public record Series(Labels labels, long[] timestamps, double[] values) {
    public Series {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
    }

    public int size() {
        return timestamps.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && s.labels.equals(labels) && Arrays.equals(s.timestamps, timestamps)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(labels.toString()).append(" =>");
        for (int i = 0; i < timestamps.length; i++) {
            sb.append(' ').append(values[i]).append(" @").append(timestamps[i]);
        }
        return sb.toString();
    }
}
