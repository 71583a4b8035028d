package org.osprey.promql.parser;

import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.value.PromDuration;
import org.osprey.promql.ErrorType;
import org.osprey.promql.PromqlException;

/**
 * Entry point of the PromQL front end: text to a type-checked syntax tree. Errors are
 * {@link PromqlException}s of type BAD_DATA worded as Prometheus's ("1:5: parse error: ...").
 * Thread-safe: stateless (each call builds its own lexer and parser).
 */
public final class PromqlParser {
    private PromqlParser() {
    }

    /**
     * Parses and type-checks a PromQL expression.
     *
     * @throws PromqlException BAD_DATA on syntax or type errors
     */
    public static Expr parse(String query) {
        PromQLParser p = newParser(query);
        PromQLParser.QueryContext ctx = p.query();
        return new AstBuilder(query, -1, -1).build(ctx);
    }

    /**
     * Parses for one query execution: {@code step()} and {@code range()} inside duration expressions
     * (ranges, subquery steps, offsets) resolve to the query's step and end - start (ms; 0 for an
     * instant query).
     *
     * @throws PromqlException BAD_DATA on syntax or type errors
     */
    public static Expr parse(String query, long stepMillis, long rangeMillis) {
        PromQLParser p = newParser(query);
        PromQLParser.QueryContext ctx = p.query();
        return new AstBuilder(query, stepMillis, rangeMillis).build(ctx);
    }

    /** True when the text uses step() or range(), whose duration values depend on the query. */
    public static boolean usesQueryDurations(String query) {
        return query != null && java.util.regex.Pattern.compile("(?i)\\b(step|range)\\s*\\(").matcher(query).find();
    }

    /**
     * Parses a series selector as used by {@code match[]}: returns its matchers (the name matcher included).
     *
     * @throws PromqlException BAD_DATA when the text is not a plain vector selector
     */
    public static List<LabelMatcher> parseMetricSelector(String selector) {
        Expr e = parse(selector);
        if (e instanceof VectorSelector vs && vs.offset() == 0 && !vs.at().isSet()) {
            return vs.matchers();
        }
        throw new PromqlException(ErrorType.BAD_DATA,
                "1:1: parse error: unexpected expression, expected a vector selector");
    }

    /**
     * Parses a Prometheus duration ({@code 1h30m}) into milliseconds.
     *
     * @throws PromqlException BAD_DATA with {@link PromDuration}'s message when invalid
     */
    public static long parseDuration(String s) {
        try {
            return PromDuration.parseMillis(s);
        } catch (IllegalArgumentException e) {
            throw new PromqlException(ErrorType.BAD_DATA, e.getMessage());
        }
    }

    private static PromQLParser newParser(String query) {
        PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(query));
        ErrorListener listener = new ErrorListener(query);
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        PromQLParser p = new PromQLParser(new CommonTokenStream(lexer));
        p.removeErrorListeners();
        p.addErrorListener(listener);
        p.getInterpreter().setPredictionMode(PredictionMode.SLL);
        return p;
    }

    /** Renders a 0-based offset as Prometheus's "line:col" (1-based). */
    static String position(String query, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < query.length(); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1);
    }

    static PromqlException error(String query, int offset, String message) {
        return new PromqlException(ErrorType.BAD_DATA, position(query, offset) + ": parse error: " + message);
    }

    private static final class ErrorListener extends BaseErrorListener {
        private final String query;

        ErrorListener(String query) {
            this.query = query;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
                RecognitionException e) {
            int offset;
            String what;
            if (offendingSymbol instanceof Token t) {
                offset = Math.max(0, t.getStartIndex());
                if (t.getType() == Token.EOF) {
                    String unclosed = unclosed(query);
                    if (unclosed != null) {
                        throw error(query, query.length(), unclosed);
                    }
                }
                what = describe(t);
                if (t.getType() == PromQLLexer.ERROR_CHAR && (t.getText().equals("\"") || t.getText().equals("'")
                        || t.getText().equals("`"))) {
                    throw error(query, offset, "unterminated quoted string");
                }
                if (t.getType() == PromQLLexer.RIGHT_BRACE || t.getType() == PromQLLexer.ERROR_CHAR) {
                    if (!(recognizer instanceof org.antlr.v4.runtime.Parser p
                            && p.getContext() instanceof PromQLParser.LabelMatcherContext)) {
                        what = "character: '" + t.getText() + "'";
                    }
                } else if (t.getType() == PromQLLexer.RIGHT_PAREN) {
                    what = "right parenthesis ')'";
                } else if (t.getType() == PromQLLexer.RIGHT_BRACKET && !(recognizer instanceof org.antlr.v4.runtime.Parser p2
                        && p2.getContext() instanceof PromQLParser.DurationExprContext)) {
                    what = "right bracket ']'";
                } else if (t.getType() != PromQLLexer.IDENTIFIER && t.getType() != PromQLLexer.NUMBER
                        && t.getType() != PromQLLexer.STRING && t.getType() != PromQLLexer.DURATION
                        && t.getType() != Token.EOF && Character.isLetter(t.getText().charAt(0))) {
                    what = "<" + t.getText().toLowerCase(java.util.Locale.ROOT) + ">"; // keywords, as upstream
                }
                if (recognizer instanceof org.antlr.v4.runtime.Parser p) {
                    what += context(p.getContext());
                }
            } else {
                offset = lineColToOffset(line, col);
                char c = offset < query.length() ? query.charAt(offset) : 0;
                if (c == '"' || c == '\'' || c == '`') {
                    throw error(query, offset, "unterminated quoted string");
                }
                what = "character inside braces or parentheses: '" + c + "'";
                throw error(query, offset, "unexpected " + what);
            }
            throw error(query, offset, "unexpected " + what);
        }

        /** Upstream's " in <construct>, expected <thing>" suffix for the rule the parser was in. */
        private static String context(org.antlr.v4.runtime.ParserRuleContext ctx) {
            for (org.antlr.v4.runtime.ParserRuleContext c = ctx; c != null; c = c.getParent()) {
                if (c instanceof PromQLParser.MatchOpContext) {
                    return " in label matching, expected label matching operator";
                }
                if (c instanceof PromQLParser.LabelMatcherContext lm) {
                    return lm.matchOp() == null ? " in label matching, expected label matching operator"
                            : " in label matching, expected string";
                }
                if (c instanceof PromQLParser.OffsetValueContext) {
                    return " in offset, expected duration";
                }
                if (c instanceof PromQLParser.AtValueContext) {
                    return " in @, expected timestamp";
                }
                if (c instanceof PromQLParser.AggregationContext || c instanceof PromQLParser.GroupingContext) {
                    return " in aggregation";
                }
                if (c instanceof PromQLParser.ExprContext) {
                    return "";
                }
            }
            return "";
        }

        /** Prometheus's wording for input that ends inside an open bracket, or null. */
        private static String unclosed(String q) {
            java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
            char quote = 0;
            for (int i = 0; i < q.length(); i++) {
                char c = q.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote != '`') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                switch (c) {
                    case '"', '\'', '`' -> quote = c;
                    case '#' -> {
                        while (i < q.length() && q.charAt(i) != '\n') {
                            i++;
                        }
                    }
                    case '(', '{', '[' -> open.push(c);
                    case ')', '}', ']' -> {
                        if (!open.isEmpty()) {
                            open.pop();
                        }
                    }
                    default -> {
                    }
                }
            }
            if (open.isEmpty()) {
                return null;
            }
            return switch (open.peek()) {
                case '(' -> "unclosed left parenthesis";
                case '{' -> "unexpected end of input inside braces";
                default -> "unclosed left bracket";
            };
        }

        private int lineColToOffset(int line, int col) {
            int l = 1;
            int i = 0;
            while (l < line && i < query.length()) {
                if (query.charAt(i++) == '\n') {
                    l++;
                }
            }
            return i + col;
        }

        private static String describe(Token t) {
            if (t.getType() == Token.EOF) {
                return "end of input";
            }
            String text = t.getText();
            return switch (t.getType()) {
                case PromQLLexer.IDENTIFIER -> "identifier \"" + text + "\"";
                case PromQLLexer.NUMBER -> "number \"" + text + "\"";
                case PromQLLexer.DURATION -> "duration \"" + text + "\"";
                case PromQLLexer.STRING -> "string " + text;
                case PromQLLexer.ERROR_CHAR -> "character: '" + text + "'";
                default -> "\"" + text + "\"";
            };
        }
    }
}
