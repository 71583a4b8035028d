package org.osprey.promql.value;

import java.util.List;

/** An instant vector. Thread-safe: immutable (the list is copied). */
public record Vector(List<Sample> samples) implements Value {
    public Vector {
        samples = List.copyOf(samples);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
