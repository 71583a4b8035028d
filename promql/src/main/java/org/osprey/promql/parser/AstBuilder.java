package org.osprey.promql.parser;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.Labels;
import org.osprey.model.labels.MatchType;
import org.osprey.promql.PromqlException;
import org.osprey.promql.value.ValueType;

/** Turns an ANTLR parse tree into the AST and type-checks it as Prometheus does. Single-use, single-threaded. */
final class AstBuilder {
    private final String query;
    private final long stepMillis;
    private final long rangeMillis;

    /** stepMillis/rangeMillis are -1 when unknown (plain parse): step()/range() in durations then fail. */
    AstBuilder(String query, long stepMillis, long rangeMillis) {
        this.query = query;
        this.stepMillis = stepMillis;
        this.rangeMillis = rangeMillis;
    }

    Expr build(PromQLParser.QueryContext ctx) {
        return expr(ctx.expr());
    }

    private PromqlException err(int pos, String msg) {
        return PromqlParser.error(query, pos, msg);
    }

    private static int pos(ParserRuleContext ctx) {
        return ctx.getStart().getStartIndex();
    }

    private Expr expr(PromQLParser.ExprContext ctx) {
        int pos = pos(ctx);
        if (ctx instanceof PromQLParser.ParenExprContext c) {
            return new ParenExpr(expr(c.expr()), pos);
        }
        if (ctx instanceof PromQLParser.NumberExprContext c) {
            return new NumberLiteral(parseNumber(c.NUMBER().getText()), pos);
        }
        if (ctx instanceof PromQLParser.DurationLiteralExprContext c) {
            return new NumberLiteral(PromqlParser.parseDuration(c.DURATION().getText()) / 1000.0, pos);
        }
        if (ctx instanceof PromQLParser.StringExprContext c) {
            return new StringLiteral(unquote(c.STRING().getSymbol()), pos);
        }
        if (ctx instanceof PromQLParser.TimeFuncExprContext c) {
            String fn = c.getChild(0).getText().toLowerCase(Locale.ROOT);
            return new Call(Functions.get(fn), List.of(), pos);
        }
        if (ctx instanceof PromQLParser.SelectorExprContext c) {
            return selector(c.vectorSelector(), false);
        }
        if (ctx instanceof PromQLParser.FunctionExprContext c) {
            return call(c.functionCall());
        }
        if (ctx instanceof PromQLParser.AggregationExprContext c) {
            return aggregation(c.aggregation());
        }
        if (ctx instanceof PromQLParser.UnaryExprContext c) {
            Expr inner = expr(c.expr());
            boolean negate = c.SUB() != null;
            if (inner instanceof NumberLiteral n) {
                return new NumberLiteral(negate ? -n.value() : n.value(), pos);
            }
            if (inner.type() != ValueType.SCALAR && inner.type() != ValueType.VECTOR) {
                throw err(pos, "unary expression only allowed on expressions of type scalar or instant vector, got \""
                        + inner.type().documentedName() + "\"");
            }
            return new UnaryExpr(negate, inner, pos);
        }
        if (ctx instanceof PromQLParser.BinaryExprContext c) {
            return binary(c, pos);
        }
        if (ctx instanceof PromQLParser.MatrixExprContext c) {
            Expr inner = expr(c.expr());
            if (!(inner instanceof VectorSelector vs)) {
                throw err(c.LEFT_BRACKET().getSymbol().getStartIndex(), "ranges only allowed for vector selectors");
            }
            if (vs.offset() != 0 || vs.at().isSet()) {
                throw err(pos, "no offset or @ modifiers allowed before range");
            }
            long range = duration(c.durationExpr());
            if (range <= 0) {
                throw err(pos(c.durationExpr()), "duration must be greater than 0");
            }
            return new MatrixSelector(vs, range, pos);
        }
        if (ctx instanceof PromQLParser.SubqueryExprContext c) {
            Expr inner = expr(c.expr());
            if (inner.type() != ValueType.VECTOR) {
                throw err(pos, "subquery is only allowed on instant vector, got " + inner.type().documentedName()
                        + " instead");
            }
            long range = duration(c.durationExpr(0));
            long step = c.durationExpr().size() > 1 ? duration(c.durationExpr(1)) : 0;
            if (range <= 0) {
                throw err(pos(c.durationExpr(0)), "duration must be greater than 0");
            }
            if (step < 0) {
                throw err(pos(c.durationExpr(1)), "step must be greater than 0");
            }
            return new SubqueryExpr(inner, range, step, 0, At.NONE, pos);
        }
        if (ctx instanceof PromQLParser.OffsetExprContext c) {
            Expr inner = expr(c.expr());
            long off = offset(c.offsetValue());
            return switch (inner) {
                case VectorSelector vs -> {
                    checkOffsetUnset(vs.offset(), pos);
                    yield vs.withOffset(off);
                }
                case MatrixSelector ms -> {
                    checkOffsetUnset(ms.selector().offset(), pos);
                    yield new MatrixSelector(ms.selector().withOffset(off), ms.range(), ms.pos(), ms.mode());
                }
                case SubqueryExpr sq -> {
                    checkOffsetUnset(sq.offset(), pos);
                    yield sq.withOffset(off);
                }
                default -> throw err(pos, "offset modifier must be preceded by an instant vector selector or range "
                        + "vector selector or a subquery");
            };
        }
        if (ctx instanceof PromQLParser.RangeModExprContext c) {
            Expr inner = expr(c.expr());
            if (inner instanceof VectorSelector vs && !vs.smoothed() && c.rangeModifier().getText().equals("smoothed")) {
                return vs.withSmoothed(true);
            }
            if (!(inner instanceof MatrixSelector ms) || ms.mode() != MatrixSelector.Mode.PLAIN) {
                throw err(pos, c.rangeModifier().getText()
                        + " modifier must be preceded by a range vector selector");
            }
            return ms.withMode(c.rangeModifier().getText().equals("anchored") ? MatrixSelector.Mode.ANCHORED
                    : MatrixSelector.Mode.SMOOTHED);
        }
        if (ctx instanceof PromQLParser.AtExprContext c) {
            Expr inner = expr(c.expr());
            At at = at(c.atValue());
            return switch (inner) {
                case VectorSelector vs -> {
                    checkAtUnset(vs.at(), pos);
                    yield vs.withAt(at);
                }
                case MatrixSelector ms -> {
                    checkAtUnset(ms.selector().at(), pos);
                    yield new MatrixSelector(ms.selector().withAt(at), ms.range(), ms.pos(), ms.mode());
                }
                case SubqueryExpr sq -> {
                    checkAtUnset(sq.at(), pos);
                    yield sq.withAt(at);
                }
                default -> throw err(pos, "@ modifier must be preceded by an instant vector selector or range vector "
                        + "selector or a subquery");
            };
        }
        throw err(pos, "unexpected expression");
    }

    private void checkOffsetUnset(long offset, int pos) {
        if (offset != 0) {
            throw err(pos, "offset may not be set multiple times");
        }
    }

    private void checkAtUnset(At at, int pos) {
        if (at.isSet()) {
            throw err(pos, "@ <timestamp> may not be set multiple times");
        }
    }

    private At at(PromQLParser.AtValueContext c) {
        if (c.START() != null) {
            return At.START;
        }
        if (c.END() != null) {
            return At.END;
        }
        double secs = c.NUMBER() != null ? parseNumber(c.NUMBER().getText())
                : PromqlParser.parseDuration(c.DURATION().getText()) / 1000.0;
        if (c.SUB() != null) {
            secs = -secs;
        }
        if (!Double.isFinite(secs) || Math.abs(secs) > 9.2e15) {
            throw err(pos(c), "timestamp out of bounds for @ modifier: " + secs);
        }
        return At.timestamp(Math.round(secs * 1000));
    }

    /** A duration in ms; numbers are seconds. Constant arithmetic is folded here. */
    private long duration(PromQLParser.DurationExprContext c) {
        return Math.round(durationArith(c.durationArith()) * 1000);
    }

    private long offset(PromQLParser.OffsetValueContext c) {
        double secs = durationAtom(c.durationAtom());
        return Math.round((c.SUB() != null ? -secs : secs) * 1000);
    }

    /** Value in seconds. */
    private double durationAtom(PromQLParser.DurationAtomContext c) {
        if (c.DURATION() != null) {
            return PromqlParser.parseDuration(c.DURATION().getText()) / 1000.0;
        }
        if (c.NUMBER() != null) {
            return parseNumber(c.NUMBER().getText());
        }
        if (c.IDENTIFIER() != null) {
            double a = durationArith(c.durationArith(0));
            double b = durationArith(c.durationArith(1));
            return switch (c.IDENTIFIER().getText()) {
                case "min_of" -> Math.min(a, b);
                case "max_of" -> Math.max(a, b);
                default -> throw err(pos(c), "unknown function in duration expression: " + c.IDENTIFIER().getText());
            };
        }
        if (c.STEP() != null || c.RANGE() != null) {
            long v = c.STEP() != null ? stepMillis : rangeMillis;
            if (v < 0) {
                throw err(pos(c), "step() and range() in durations need a query to resolve against");
            }
            return v / 1000.0;
        }
        return durationArith(c.durationArith(0));
    }

    /** Value in seconds. */
    private double durationArith(PromQLParser.DurationArithContext c) {
        if (c.durationAtom() != null) {
            return durationAtom(c.durationAtom());
        }
        if (c.durationArith().size() == 1) {
            double v = durationArith(c.durationArith(0));
            return c.SUB() != null ? -v : v;
        }
        double a = durationArith(c.durationArith(0));
        double b = durationArith(c.durationArith(1));
        Token op = ((TerminalNode) c.getChild(1)).getSymbol();
        return switch (op.getType()) {
            case PromQLLexer.ADD -> a + b;
            case PromQLLexer.SUB -> a - b;
            case PromQLLexer.MUL -> a * b;
            case PromQLLexer.DIV -> a / b;
            case PromQLLexer.MOD -> a % b;
            default -> Math.pow(a, b);
        };
    }

    private Expr binary(PromQLParser.BinaryExprContext c, int pos) {
        Expr lhs = expr(c.expr(0));
        Expr rhs = expr(c.expr(1));
        Token opTok = ((TerminalNode) c.getChild(1)).getSymbol();
        BinaryOp op = switch (opTok.getType()) {
            case PromQLLexer.ADD -> BinaryOp.ADD;
            case PromQLLexer.SUB -> BinaryOp.SUB;
            case PromQLLexer.MUL -> BinaryOp.MUL;
            case PromQLLexer.DIV -> BinaryOp.DIV;
            case PromQLLexer.MOD -> BinaryOp.MOD;
            case PromQLLexer.POW -> BinaryOp.POW;
            case PromQLLexer.ATAN2 -> BinaryOp.ATAN2;
            case PromQLLexer.EQLC -> BinaryOp.EQL;
            case PromQLLexer.NEQ -> BinaryOp.NEQ;
            case PromQLLexer.GTR -> BinaryOp.GTR;
            case PromQLLexer.LSS -> BinaryOp.LSS;
            case PromQLLexer.GTE -> BinaryOp.GTE;
            case PromQLLexer.LTE -> BinaryOp.LTE;
            case PromQLLexer.AND -> BinaryOp.AND;
            case PromQLLexer.OR -> BinaryOp.OR;
            default -> BinaryOp.UNLESS;
        };
        PromQLParser.BinModifiersContext m = c.binModifiers();
        boolean returnBool = m.BOOL() != null;
        boolean hasMatching = m.ON() != null || m.IGNORING() != null;
        boolean on = m.ON() != null;
        List<String> matchLabels = hasMatching ? labelList(m.labelList(0)) : List.of();
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (m.GROUP_LEFT() != null || m.GROUP_RIGHT() != null) {
            card = m.GROUP_LEFT() != null ? VectorMatching.Cardinality.MANY_TO_ONE
                    : VectorMatching.Cardinality.ONE_TO_MANY;
            include = m.labelList().size() > 1 ? labelList(m.labelList(1)) : List.of();
        }
        int opPos = opTok.getStartIndex();
        if (returnBool && !op.isComparison()) {
            throw err(opPos, "bool modifier can only be used on comparison operators");
        }
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
            throw err(pos, "binary expression must contain only scalar and instant vector types");
        }
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw err(opPos, "comparisons between scalars must use BOOL modifier");
        }
        if (op.isSetOperator() && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
            throw err(pos, "set operator \"" + op.text() + "\" not allowed in binary scalar expression");
        }
        boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
        if (!bothVectors && (hasMatching || card != VectorMatching.Cardinality.ONE_TO_ONE)) {
            throw err(pos, "vector matching only allowed between instant vectors");
        }
        if (op.isSetOperator() && card != VectorMatching.Cardinality.ONE_TO_ONE) {
            throw err(pos, "no grouping allowed for \"" + op.text() + "\" operation");
        }
        if (op.isSetOperator()) {
            card = VectorMatching.Cardinality.MANY_TO_MANY;
        }
        if (on) {
            for (String l : include) {
                if (matchLabels.contains(l)) {
                    throw err(opPos, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        Double fillLeft = null;
        Double fillRight = null;
        for (PromQLParser.FillModifierContext f : m.fillModifier()) {
            double v = parseNumber(f.NUMBER().getText());
            if (f.SUB() != null) {
                v = -v;
            }
            switch (f.IDENTIFIER().getText()) {
                case "fill" -> {
                    fillLeft = v;
                    fillRight = v;
                }
                case "fill_left" -> fillLeft = v;
                default -> fillRight = v;
            }
        }
        if ((fillLeft != null || fillRight != null) && (!bothVectors || op.isSetOperator())) {
            throw err(pos, "fill modifiers are only allowed between instant vectors with arithmetic or comparison "
                    + "operators");
        }
        VectorMatching vm = bothVectors ? new VectorMatching(card, matchLabels, on, include, fillLeft, fillRight)
                : null;
        return new BinaryExpr(op, lhs, rhs, vm, returnBool, pos);
    }

    private Expr aggregation(PromQLParser.AggregationContext c) {
        int pos = pos(c);
        AggregateOp op = AggregateOp.valueOf(c.aggregateOp().getText().toUpperCase(Locale.ROOT));
        List<String> grouping = List.of();
        boolean without = false;
        if (c.grouping() != null) {
            without = c.grouping().WITHOUT() != null;
            grouping = labelList(c.grouping().labelList());
        }
        List<Expr> args = new ArrayList<>();
        for (PromQLParser.ExprContext e : c.aggregateArgs().expr()) {
            args.add(expr(e));
        }
        int want = op.hasParam() ? 2 : 1;
        if (args.isEmpty()) {
            throw err(pos, "no arguments for aggregate expression provided");
        }
        if (args.size() != want) {
            throw err(pos, "wrong number of arguments for aggregate expression provided, expected " + want + ", got "
                    + args.size());
        }
        Expr param = op.hasParam() ? args.get(0) : null;
        Expr inner = args.get(want - 1);
        if (inner.type() != ValueType.VECTOR) {
            throw err(inner.pos(), "expected type instant vector in aggregation expression, got "
                    + inner.type().documentedName());
        }
        if (param != null) {
            ValueType need = op == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
            if (param.type() != need) {
                throw err(param.pos(), "expected type " + need.documentedName() + " in aggregation parameter, got "
                        + param.type().documentedName());
            }
        }
        return new AggregateExpr(op, inner, param, grouping, without, pos);
    }

    private Expr call(PromQLParser.FunctionCallContext c) {
        int pos = pos(c);
        String name = c.IDENTIFIER().getText();
        FunctionDef f = Functions.get(name);
        if (f == null) {
            throw err(pos, "unknown function with name \"" + name + "\"");
        }
        List<Expr> args = new ArrayList<>();
        for (PromQLParser.ExprContext e : c.expr()) {
            // info()'s second argument is a label selector that may match the empty string.
            if (name.equals("info") && args.size() == 1 && e instanceof PromQLParser.SelectorExprContext sc) {
                args.add(selector(sc.vectorSelector(), true));
            } else {
                args.add(expr(e));
            }
        }
        int n = args.size();
        int declared = f.argTypes().size();
        if (f.variadic() == 0) {
            if (n != declared) {
                throw err(pos, "expected " + declared + " argument(s) in call to \"" + name + "\", got " + n);
            }
        } else {
            int min = declared - 1;
            if (n < min) {
                throw err(pos, "expected at least " + min + " argument(s) in call to \"" + name + "\", got " + n);
            }
            if (f.variadic() > 0 && n > min + f.variadic()) {
                throw err(pos, "expected at most " + (min + f.variadic()) + " argument(s) in call to \"" + name
                        + "\", got " + n);
            }
        }
        for (int i = 0; i < n; i++) {
            ValueType want = f.argTypes().get(Math.min(i, declared - 1));
            Expr a = args.get(i);
            if (a.type() != want) {
                throw err(a.pos(), "expected type " + want.documentedName() + " in call to function \"" + name
                        + "\", got " + a.type().documentedName());
            }
        }
        return new Call(f, args, pos);
    }

    private VectorSelector selector(PromQLParser.VectorSelectorContext c, boolean allowEmpty) {
        int pos = pos(c);
        String name = c.metricName() != null ? c.metricName().getText() : null;
        List<LabelMatcher> matchers = new ArrayList<>();
        if (c.labelMatchers() != null) {
            for (PromQLParser.LabelMatcherContext m : c.labelMatchers().labelMatcher()) {
                if (m.matchOp() == null) {
                    String quotedName = unquote(m.STRING(0).getSymbol());
                    if (name != null) {
                        throw err(pos(m), "metric name must not be set twice: \"" + name + "\" or \"" + quotedName
                                + "\"");
                    }
                    name = quotedName;
                    continue;
                }
                String label = m.labelName() != null ? m.labelName().getText() : unquote(m.STRING(0).getSymbol());
                if (m.labelName() != null && m.labelName().NUMBER() != null
                        && !org.osprey.model.labels.LabelNames.isLegacyName(label)) {
                    throw err(pos(m), "unexpected number \"" + label + "\" in label matching, expected label");
                }
                String value = unquote(m.STRING(m.STRING().size() - 1).getSymbol());
                MatchType type = MatchType.fromOperator(m.matchOp().getText());
                try {
                    matchers.add(matcher(type, label, value));
                } catch (IllegalArgumentException e) {
                    // Upstream reports the anchored form it compiled.
                    String msg = String.valueOf(e.getMessage()).replace("`" + value + "`", "`^(?:" + value + ")$`");
                    throw err(pos(m), msg.startsWith("error parsing regexp") ? msg
                            : "invalid regular expression in label matcher: " + msg);
                }
            }
        }
        if (name != null) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw err(pos, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
                }
            }
            matchers.add(0, LabelMatcher.equal(Labels.METRIC_NAME, name));
        }
        boolean nonEmpty = false;
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                nonEmpty = true;
                break;
            }
        }
        if (!nonEmpty && !allowEmpty) {
            throw err(pos, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers, 0, At.NONE, pos);
    }

    /** Dashboards re-send the same selectors: compiled regex matchers are reused (bounded cache). */
    private static final java.util.concurrent.ConcurrentHashMap<String, LabelMatcher> MATCHERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static LabelMatcher matcher(MatchType type, String label, String value) {
        if (type == MatchType.EQUAL || type == MatchType.NOT_EQUAL) {
            return LabelMatcher.of(type, label, value);
        }
        String key = type.operator() + '\u0000' + label + '\u0000' + value;
        LabelMatcher m = MATCHERS.get(key);
        if (m == null) {
            m = LabelMatcher.of(type, label, value);
            if (MATCHERS.size() >= 4096) {
                MATCHERS.clear();
            }
            MATCHERS.put(key, m);
        }
        return m;
    }

    private List<String> labelList(PromQLParser.LabelListContext c) {
        List<String> out = new ArrayList<>();
        for (PromQLParser.LabelNameContext l : c.labelName()) {
            out.add(l.getText());
        }
        return out;
    }

    static double parseNumber(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (lower.startsWith("0x")) {
            return new BigInteger(s.substring(2), 16).doubleValue();
        }
        return Double.parseDouble(s);
    }

    private String unquote(Token t) {
        try {
            return Strings.unquote(t.getText());
        } catch (IllegalArgumentException e) {
            throw err(t.getStartIndex(), e.getMessage());
        }
    }

    @SuppressWarnings("unused")
    private static String text(ParseTree t) {
        return t.getText();
    }
}
