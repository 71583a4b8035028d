package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/** Unary minus or plus. Thread-safe: immutable. */
public record UnaryExpr(boolean negate, Expr expr, int pos) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return (negate ? "-" : "+") + expr;
    }
}
