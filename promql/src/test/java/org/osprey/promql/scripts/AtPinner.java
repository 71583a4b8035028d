package org.osprey.promql.scripts;

import java.util.ArrayList;
import java.util.List;
import org.osprey.promql.parser.AggregateExpr;
import org.osprey.promql.parser.At;
import org.osprey.promql.parser.BinaryExpr;
import org.osprey.promql.parser.Call;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.MatrixSelector;
import org.osprey.promql.parser.NumberLiteral;
import org.osprey.promql.parser.ParenExpr;
import org.osprey.promql.parser.StringLiteral;
import org.osprey.promql.parser.SubqueryExpr;
import org.osprey.promql.parser.UnaryExpr;
import org.osprey.promql.parser.VectorSelector;

/** Adds {@code @ T} to every selector and subquery that has none, leaving subquery insides alone. Stateless. */
final class AtPinner {
    private AtPinner() {
    }

    static Expr pin(Expr e, long t) {
        At at = At.timestamp(t);
        return switch (e) {
            case NumberLiteral n -> n;
            case StringLiteral s -> s;
            case VectorSelector vs -> vs.at().isSet() ? vs : vs.withAt(at);
            case MatrixSelector ms -> ms.selector().at().isSet() ? ms
                    : new MatrixSelector(ms.selector().withAt(at), ms.range(), ms.pos(), ms.mode());
            case SubqueryExpr sq -> sq.at().isSet() ? sq : sq.withAt(at);
            case ParenExpr p -> new ParenExpr(pin(p.expr(), t), p.pos());
            case UnaryExpr u -> new UnaryExpr(u.negate(), pin(u.expr(), t), u.pos());
            case BinaryExpr b -> new BinaryExpr(b.op(), pin(b.lhs(), t), pin(b.rhs(), t), b.matching(), b.returnBool(),
                    b.pos());
            case AggregateExpr a -> new AggregateExpr(a.op(), pin(a.expr(), t),
                    a.param() == null ? null : pin(a.param(), t), a.grouping(), a.without(), a.pos());
            case Call c -> {
                List<Expr> args = new ArrayList<>();
                for (Expr a : c.args()) {
                    args.add(pin(a, t));
                }
                yield new Call(c.function(), args, c.pos());
            }
        };
    }
}
