package org.osprey.promql.parser;

import java.util.List;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.value.JsonStrings;
import org.osprey.promql.value.ValueType;

/**
 * The JSON tree /api/v1/parse_query returns (same field names as Prometheus's translateAST):
 * durations and timestamps in ms, numbers as strings. Thread-safe: stateless.
 */
public final class AstJson {
    private AstJson() {
    }

    /** The expression as a JSON object text. */
    public static String toJson(Expr e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Expr e) {
        if (e == null) {
            sb.append("null");
            return;
        }
        switch (e) {
            case AggregateExpr a -> {
                sb.append("{\"type\":\"aggregation\",\"op\":");
                JsonStrings.appendQuoted(sb, a.op().text());
                sb.append(",\"expr\":");
                write(sb, a.expr());
                sb.append(",\"param\":");
                write(sb, a.param());
                sb.append(",\"grouping\":");
                strings(sb, a.grouping());
                sb.append(",\"without\":").append(a.without()).append('}');
            }
            case BinaryExpr b -> {
                sb.append("{\"type\":\"binaryExpr\",\"op\":");
                JsonStrings.appendQuoted(sb, b.op().text());
                sb.append(",\"lhs\":");
                write(sb, b.lhs());
                sb.append(",\"rhs\":");
                write(sb, b.rhs());
                sb.append(",\"matching\":");
                VectorMatching m = b.matching();
                if (m == null) {
                    sb.append("null");
                } else {
                    sb.append("{\"card\":");
                    JsonStrings.appendQuoted(sb, switch (m.card()) {
                        case ONE_TO_ONE -> "one-to-one";
                        case MANY_TO_ONE -> "many-to-one";
                        case ONE_TO_MANY -> "one-to-many";
                        case MANY_TO_MANY -> "many-to-many";
                    });
                    sb.append(",\"labels\":");
                    strings(sb, m.matchingLabels());
                    sb.append(",\"on\":").append(m.on()).append(",\"include\":");
                    strings(sb, m.include());
                    sb.append('}');
                }
                sb.append(",\"bool\":").append(b.returnBool()).append('}');
            }
            case Call c -> {
                FunctionDef f = c.function();
                sb.append("{\"type\":\"call\",\"func\":{\"name\":");
                JsonStrings.appendQuoted(sb, f.name());
                sb.append(",\"argTypes\":[");
                for (int i = 0; i < f.argTypes().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    JsonStrings.appendQuoted(sb, typeName(f.argTypes().get(i)));
                }
                sb.append("],\"variadic\":").append(f.variadic()).append(",\"returnType\":");
                JsonStrings.appendQuoted(sb, typeName(f.returnType()));
                sb.append("},\"args\":[");
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, c.args().get(i));
                }
                sb.append("]}");
            }
            case MatrixSelector ms -> {
                VectorSelector vs = ms.selector();
                sb.append("{\"type\":\"matrixSelector\",\"name\":");
                JsonStrings.appendQuoted(sb, vs.name() == null ? "" : vs.name());
                sb.append(",\"range\":").append(ms.range()).append(",\"offset\":").append(vs.offset());
                sb.append(",\"matchers\":");
                matchers(sb, vs.matchers());
                at(sb, vs.at());
                sb.append('}');
            }
            case SubqueryExpr sq -> {
                sb.append("{\"type\":\"subquery\",\"expr\":");
                write(sb, sq.expr());
                sb.append(",\"range\":").append(sq.range()).append(",\"offset\":").append(sq.offset())
                        .append(",\"step\":").append(sq.step());
                at(sb, sq.at());
                sb.append('}');
            }
            case VectorSelector vs -> {
                sb.append("{\"type\":\"vectorSelector\",\"name\":");
                JsonStrings.appendQuoted(sb, vs.name() == null ? "" : vs.name());
                sb.append(",\"offset\":").append(vs.offset()).append(",\"matchers\":");
                matchers(sb, vs.matchers());
                at(sb, vs.at());
                sb.append('}');
            }
            case NumberLiteral n -> {
                sb.append("{\"type\":\"numberLiteral\",\"val\":");
                JsonStrings.appendQuoted(sb, Printer.formatNumber(n.value()));
                sb.append('}');
            }
            case StringLiteral s -> {
                sb.append("{\"type\":\"stringLiteral\",\"val\":");
                JsonStrings.appendQuoted(sb, s.value());
                sb.append('}');
            }
            case ParenExpr p -> {
                sb.append("{\"type\":\"parenExpr\",\"expr\":");
                write(sb, p.expr());
                sb.append('}');
            }
            case UnaryExpr u -> {
                sb.append("{\"type\":\"unaryExpr\",\"op\":\"").append(u.negate() ? '-' : '+').append("\",\"expr\":");
                write(sb, u.expr());
                sb.append('}');
            }
        }
    }

    private static String typeName(ValueType t) {
        return t.apiName();
    }

    private static void at(StringBuilder sb, At at) {
        sb.append(",\"timestamp\":");
        sb.append(at.mode() == At.Mode.TIMESTAMP ? Long.toString(at.timestamp()) : "null");
        sb.append(",\"startOrEnd\":");
        sb.append(switch (at.mode()) {
            case START -> "\"start\"";
            case END -> "\"end\"";
            default -> "null";
        });
    }

    private static void matchers(StringBuilder sb, List<LabelMatcher> ms) {
        sb.append('[');
        for (int i = 0; i < ms.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            LabelMatcher m = ms.get(i);
            sb.append("{\"type\":");
            JsonStrings.appendQuoted(sb, m.type().operator());
            sb.append(",\"name\":");
            JsonStrings.appendQuoted(sb, m.name());
            sb.append(",\"value\":");
            JsonStrings.appendQuoted(sb, m.value());
            sb.append('}');
        }
        sb.append(']');
    }

    private static void strings(StringBuilder sb, List<String> l) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonStrings.appendQuoted(sb, l.get(i));
        }
        sb.append(']');
    }
}
