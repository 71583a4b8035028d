package org.osprey.promql.parser;

import org.osprey.model.labels.LabelNames;
import org.osprey.promql.value.ValueType;

/** A string literal. Thread-safe: immutable. */
public record StringLiteral(String value, int pos) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        LabelNames.appendQuoted(sb, value);
        return sb.toString();
    }
}
