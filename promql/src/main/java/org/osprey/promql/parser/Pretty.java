package org.osprey.promql.parser;

import org.osprey.model.value.PromDuration;

/**
 * Multi-line formatting as /api/v1/format_query returns it (upstream's Pretty): an expression that
 * fits in 100 characters stays on one line; longer ones break at aggregations, calls, binary
 * operators and parentheses, indenting two spaces per level. Thread-safe: stateless.
 */
public final class Pretty {
    private static final int MAX_LINE = 100;

    private Pretty() {
    }

    /** The formatted expression. */
    public static String format(Expr e) {
        return pretty(e, 0);
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }

    private static String pretty(Expr e, int level) {
        String flat = e.toString();
        if (flat.length() <= MAX_LINE) {
            return indent(level) + flat;
        }
        return switch (e) {
            case AggregateExpr a -> {
                StringBuilder sb = new StringBuilder(indent(level)).append(a.op().text());
                if (a.without()) {
                    sb.append(" without (").append(Printer.joinLabels(a.grouping())).append(") ");
                } else if (!a.grouping().isEmpty()) {
                    sb.append(" by (").append(Printer.joinLabels(a.grouping())).append(") ");
                }
                sb.append("(\n");
                if (a.param() != null) {
                    sb.append(pretty(a.param(), level + 1)).append(",\n");
                }
                yield sb.append(pretty(a.expr(), level + 1)).append('\n').append(indent(level)).append(')')
                        .toString();
            }
            case BinaryExpr b -> {
                String ops = new BinaryExpr(b.op(), new NumberLiteral(0, 0), new NumberLiteral(0, 0), b.matching(),
                        b.returnBool(), 0).toString();
                String opPart = ops.substring(2, ops.length() - 2); // "0 <op and modifiers> 0"
                yield pretty(b.lhs(), level + 1) + "\n" + indent(level) + opPart + "\n" + pretty(b.rhs(), level + 1);
            }
            case Call c -> {
                StringBuilder sb = new StringBuilder(indent(level)).append(c.function().name()).append("(\n");
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        sb.append(",\n");
                    }
                    sb.append(pretty(c.args().get(i), level + 1));
                }
                yield sb.append('\n').append(indent(level)).append(')').toString();
            }
            case ParenExpr p -> indent(level) + "(\n" + pretty(p.expr(), level + 1) + "\n" + indent(level) + ")";
            case UnaryExpr u -> indent(level) + (u.negate() ? "-" : "+") + pretty(u.expr(), level).strip();
            case SubqueryExpr sq -> pretty(sq.expr(), level) + "[" + PromDuration.format(sq.range()) + ":"
                    + (sq.step() == 0 ? "" : PromDuration.format(sq.step())) + "]" + sq.at() + Printer.offset(sq.offset());
            default -> indent(level) + flat;
        };
    }
}
