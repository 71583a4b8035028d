package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/**
 * A binary operation; {@code matching} is null unless both sides are vectors. Thread-safe: immutable.
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, int pos)
        implements Expr {
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(lhs).append(' ').append(op.text());
        if (returnBool) {
            sb.append(" bool");
        }
        if (matching != null && (!matching.matchingLabels().isEmpty() || matching.on())) {
            sb.append(matching.on() ? " on (" : " ignoring (").append(Printer.joinLabels(matching.matchingLabels()))
                    .append(')');
            if (matching.card() == VectorMatching.Cardinality.MANY_TO_ONE) {
                sb.append(" group_left (").append(Printer.joinLabels(matching.include())).append(')');
            } else if (matching.card() == VectorMatching.Cardinality.ONE_TO_MANY) {
                sb.append(" group_right (").append(Printer.joinLabels(matching.include())).append(')');
            }
        }
        if (matching != null && (matching.fillLeft() != null || matching.fillRight() != null)) {
            if (matching.fillLeft() != null && matching.fillLeft().equals(matching.fillRight())) {
                sb.append(" fill(").append(Printer.formatNumber(matching.fillLeft())).append(')');
            } else {
                if (matching.fillLeft() != null) {
                    sb.append(" fill_left(").append(Printer.formatNumber(matching.fillLeft())).append(')');
                }
                if (matching.fillRight() != null) {
                    sb.append(" fill_right(").append(Printer.formatNumber(matching.fillRight())).append(')');
                }
            }
        }
        return sb.append(' ').append(rhs).toString();
    }
}
