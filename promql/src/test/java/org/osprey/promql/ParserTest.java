package org.osprey.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osprey.model.labels.LabelMatcher;
import org.osprey.model.labels.MatchType;
import org.osprey.promql.parser.AggregateExpr;
import org.osprey.promql.parser.BinaryExpr;
import org.osprey.promql.parser.BinaryOp;
import org.osprey.promql.parser.Expr;
import org.osprey.promql.parser.NumberLiteral;
import org.osprey.promql.parser.PromqlParser;
import org.osprey.promql.parser.VectorSelector;

class ParserTest {
    private static String error(String q) {
        PromqlException e = assertThrows(PromqlException.class, () -> PromqlParser.parse(q));
        assertEquals(ErrorType.BAD_DATA, e.type());
        return e.getMessage();
    }

    @Test
    void printsLikePrometheusAndRoundTrips() {
        // Expected forms were checked against Prometheus 2.42's /api/v1/format_query (UTF-8 names: 3.x only).
        for (String[] c : new String[][] {
            {"sum by (job) (rate(foo{a=\"b\"}[5m] offset 1m))", "sum by (job) (rate(foo{a=\"b\"}[5m] offset 1m))"},
            {"sum(foo) by (job)", "sum by (job) (foo)"},
            {"a + on(x) group_left(y) b", "a + on (x) group_left (y) b"},
            {"a > bool ignoring(x) b", "a > bool ignoring (x) b"},
            {"-1", "-1"},
            {"foo @ 100", "foo @ 100.000"},
            {"foo[5m:1m] @ end()", "foo[5m:1m] @ end()"},
            {"rate(foo[1h30m:])", "rate(foo[1h30m:])"},
            {"topk(5, x)", "topk(5, x)"},
            {"count_values(\"v\", x)", "count_values(\"v\", x)"},
            {"{__name__=~\"a.*\", job!=\"x\"}", "{__name__=~\"a.*\",job!=\"x\"}"},
            {"{\"my.metric\", le=\"1\"}", "{\"my.metric\",le=\"1\"}"},
            {"1e-10 + 1000000 + 123456", "1e-10 + 1e+06 + 123456"},
            {"foo offset 1y2w", "foo offset 379d"},
            {"foo[14d]", "foo[2w]"},
            {"foo offset -5m", "foo offset -5m"},
            {"0x10 + 1e3", "16 + 1000"},
            {"2 ^ 3 ^ 2", "2 ^ 3 ^ 2"},
            {"1 + 2 * 3", "1 + 2 * 3"},
            {"(1 + 2) * 3", "(1 + 2) * 3"},
            {"x # comment\n + y", "x + y"},
        }) {
            Expr e = PromqlParser.parse(c[0]);
            assertEquals(c[1], e.toString(), c[0]);
            assertEquals(e.toString(), PromqlParser.parse(e.toString()).toString(), "round trip of " + c[0]);
        }
    }

    @Test
    void precedenceAndAssociativity() {
        BinaryExpr pow = assertInstanceOf(BinaryExpr.class, PromqlParser.parse("2 ^ 3 ^ 2"));
        assertInstanceOf(NumberLiteral.class, pow.lhs()); // right-associative
        BinaryExpr sum = assertInstanceOf(BinaryExpr.class, PromqlParser.parse("a + b * c"));
        assertEquals(BinaryOp.ADD, sum.op());
        BinaryExpr or = assertInstanceOf(BinaryExpr.class, PromqlParser.parse("a and b or c unless d"));
        assertEquals(BinaryOp.OR, or.op());
        // Unary minus binds looser than ^: -2^2 is -(2^2).
        assertEquals("-2 ^ 2", PromqlParser.parse("-2 ^ 2").toString());
        AggregateExpr agg = assertInstanceOf(AggregateExpr.class, PromqlParser.parse("SUM WITHOUT (a) (x)"));
        assertEquals(List.of("a"), agg.grouping());
    }

    @Test
    void parseErrorsNamePositionInPrometheusWording() {
        assertEquals("1:5: parse error: unexpected identifier \"bar\"", error("foo bar"));
        assertEquals("1:4: parse error: unexpected end of input", error("1 +"));
        assertEquals("1:8: parse error: unclosed left parenthesis", error("sum(foo"));
        assertEquals("1:5: parse error: unexpected end of input inside braces", error("foo{"));
        assertEquals("1:7: parse error: unclosed left bracket", error("foo[5m"));
        assertEquals("1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
                error("rate(foo)"));
        assertEquals("1:1: parse error: unknown function with name \"nope\"", error("nope(x)"));
        assertEquals("1:1: parse error: vector selector must contain at least one non-empty matcher",
                error("{job=\"\"}"));
        // Expected texts below were checked against Prometheus 2.42's /api/v1/query error for the same input.
        assertEquals("1:3: parse error: comparisons between scalars must use BOOL modifier", error("1 > 2"));
        assertEquals("1:4: parse error: unexpected character: '}'", error("foo}"));
        assertEquals("1:7: parse error: unexpected \"}\" in label matching, expected string", error("foo{a=}"));
        assertEquals("1:7: parse error: unexpected identifier \"b\" in label matching, expected label matching "
                + "operator", error("foo{a b}"));
        assertEquals("1:15: parse error: unexpected <by>", error("rate(foo[5m]) by (job)"));
        assertEquals("1:13: parse error: unexpected end of input in aggregation", error("sum by (job)"));
        assertEquals("1:11: parse error: unexpected end of input in offset, expected duration", error("foo offset"));
        assertEquals("1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp", error("foo @ bar"));
        assertEquals("1:1: parse error: unterminated quoted string", error("\"unterminated"));
        assertEquals("1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`", error("foo{a=~\"(\"}"));
        assertEquals("1:1: parse error: no arguments for aggregate expression provided", error("sum without(job) ()"));
        assertEquals("1:1: parse error: set operator \"and\" not allowed in binary scalar expression",
                error("1 and foo"));
        assertEquals("1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2", error("abs(a, b)"));
        assertEquals("2:3: parse error: unexpected identifier \"y\"", error("x\n  y"));
        assertEquals("1:7: parse error: ranges only allowed for vector selectors", error("sum(x)[5m]"));
    }

    @Test
    void prettyFormattingBreaksLongExpressionsLikeFormatQuery() {
        // Expected output taken from Prometheus 2.42's /api/v1/format_query for the same input.
        assertEquals("topk(\n  10,\n  sum by (job, instance) (\n    rate(http_requests_total{code=~\"5..\","
                + "instance=\"x:9090\",job=\"some-very-long-job-name-here\"}[5m])\n  )\n)",
                org.osprey.promql.parser.Pretty.format(PromqlParser.parse("topk(10, sum by (job, instance) "
                        + "(rate(http_requests_total{code=~\"5..\", job=\"some-very-long-job-name-here\", "
                        + "instance=\"x:9090\"}[5m])))")));
        assertEquals("  histogram_quantile(\n    0.99,\n    sum by (le, job) (\n      rate(http_request_duration_"
                + "seconds_bucket{handler=\"/api/v1/query\",job=\"api-server\"}[5m])\n    )\n  )\n>\n  0.5",
                org.osprey.promql.parser.Pretty.format(PromqlParser.parse("histogram_quantile(0.99, sum by (le, job) "
                        + "(rate(http_request_duration_seconds_bucket{job=\"api-server\", "
                        + "handler=\"/api/v1/query\"}[5m]))) > 0.5")));
        assertEquals("sum(up)", org.osprey.promql.parser.Pretty.format(PromqlParser.parse("sum(up)")));
    }

    @Test
    void jsonTreeForParseQuery() {
        assertEquals("{\"type\":\"binaryExpr\",\"op\":\"+\",\"lhs\":{\"type\":\"vectorSelector\",\"name\":\"up\","
                + "\"offset\":0,\"matchers\":[{\"type\":\"=\",\"name\":\"__name__\",\"value\":\"up\"}],"
                + "\"timestamp\":null,\"startOrEnd\":null},\"rhs\":{\"type\":\"numberLiteral\",\"val\":\"1\"},"
                + "\"matching\":null,\"bool\":false}",
                org.osprey.promql.parser.AstJson.toJson(PromqlParser.parse("up + 1")));
    }

    @Test
    void metricSelectorsAndDurations() {
        List<LabelMatcher> ms = PromqlParser.parseMetricSelector("up{job=~\"a|b\"}");
        assertEquals(2, ms.size());
        assertEquals(MatchType.EQUAL, ms.get(0).type());
        assertEquals("up", ms.get(0).value());
        assertEquals(MatchType.REGEX, ms.get(1).type());
        assertThrows(PromqlException.class, () -> PromqlParser.parseMetricSelector("sum(up)"));
        assertEquals(5_400_000L, PromqlParser.parseDuration("1h30m"));
        assertEquals(365L * 86_400_000, PromqlParser.parseDuration("1y"));
        assertEquals(1_500L, PromqlParser.parseDuration("1s500ms"));
        assertThrows(PromqlException.class, () -> PromqlParser.parseDuration("5x"));
        assertThrows(PromqlException.class, () -> PromqlParser.parseDuration("30m1h"));
        VectorSelector vs = assertInstanceOf(VectorSelector.class, PromqlParser.parse("offset"));
        assertEquals("offset", vs.name()); // keywords stay usable as metric names
    }
}
