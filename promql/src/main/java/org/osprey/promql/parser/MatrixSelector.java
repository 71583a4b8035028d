package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/** A range vector selector; offset and @ live on the inner selector. Thread-safe: immutable. */
public record MatrixSelector(VectorSelector selector, long range, int pos) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public String toString() {
        return selector.selectorText() + "[" + Durations.format(range) + "]" + selector.at()
                + Printer.offset(selector.offset());
    }
}
