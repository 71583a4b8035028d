package org.osprey.promql.value;

/** A query result value. Thread-safe: all implementations are immutable. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {
    ValueType type();
}
