package org.osprey.promql.value;

/** A scalar at time {@code t} (ms). Thread-safe: immutable. */
public record Scalar(long t, double v) implements Value {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
