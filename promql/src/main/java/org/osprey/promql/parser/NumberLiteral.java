package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/** A number literal. Thread-safe: immutable. */
public record NumberLiteral(double value, int pos) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return Printer.formatNumber(value);
    }
}
