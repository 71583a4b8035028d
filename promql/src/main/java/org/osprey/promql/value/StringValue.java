package org.osprey.promql.value;

/** A string at time {@code t} (ms). Thread-safe: immutable. */
public record StringValue(long t, String v) implements Value {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
