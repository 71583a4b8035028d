package org.osprey.promql.value;

import java.util.List;

/** A range vector / range-query result, series sorted by labels. Thread-safe: immutable list. */
public record Matrix(List<Series> series) implements Value {
    public Matrix {
        series = List.copyOf(series);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
