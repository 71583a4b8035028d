package org.osprey.promql.parser;

import org.osprey.model.value.PromDuration;
import org.osprey.promql.value.ValueType;

/** {@code expr[range:step]}; step 0 means the engine's default resolution. Thread-safe: immutable. */
public record SubqueryExpr(Expr expr, long range, long step, long offset, At at, int pos) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public SubqueryExpr withOffset(long newOffset) {
        return new SubqueryExpr(expr, range, step, newOffset, at, pos);
    }

    public SubqueryExpr withAt(At newAt) {
        return new SubqueryExpr(expr, range, step, offset, newAt, pos);
    }

    @Override
    public String toString() {
        return expr + "[" + PromDuration.format(range) + ":" + (step == 0 ? "" : PromDuration.format(step)) + "]" + at
                + Printer.offset(offset);
    }
}
