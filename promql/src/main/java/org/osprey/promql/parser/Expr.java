package org.osprey.promql.parser;

import org.osprey.promql.value.ValueType;

/**
 * A node of the PromQL syntax tree. {@link #toString()} prints the expression the way Prometheus's
 * String() does (used by /api/v1/format_query), so printing and re-parsing gives an equal tree.
 * Thread-safe: all nodes are immutable.
 */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
        Call, AggregateExpr, BinaryExpr, UnaryExpr, ParenExpr {
    /** The type this expression evaluates to. */
    ValueType type();

    /** 0-based character offset of the node's start in the query text. */
    int pos();
}
