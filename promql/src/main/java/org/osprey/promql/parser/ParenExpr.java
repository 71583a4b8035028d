package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/** A parenthesised expression, kept so printing round-trips. Thread-safe: immutable. */
public record ParenExpr(Expr expr, int pos) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return "(" + expr + ")";
    }
}
