package org.osprey.promql.parser;

import java.util.List;
import org.osprey.promql.value.ValueType;

/** An aggregation; {@code param} is null for operators without a parameter. Thread-safe: immutable. */
public record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, int pos)
        implements Expr {
    public AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.text());
        if (without) {
            sb.append(" without (").append(Printer.joinLabels(grouping)).append(") ");
        } else if (!grouping.isEmpty()) {
            sb.append(" by (").append(Printer.joinLabels(grouping)).append(") ");
        }
        sb.append('(');
        if (param != null) {
            sb.append(param).append(", ");
        }
        return sb.append(expr).append(')').toString();
    }
}
