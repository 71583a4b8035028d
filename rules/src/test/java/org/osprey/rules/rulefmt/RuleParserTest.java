package org.osprey.rules.rulefmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osprey.model.value.PromDuration;
import org.osprey.rules.PromqlValidator;

/** Rule file decoding and validation beyond the upstream suite files. */
class RuleParserTest {
    private final RuleParser parser = new RuleParser(RuleParser.Options.defaults(PromqlValidator.INSTANCE));

    @Test
    void decodesEveryGroupAndRuleField() {
        RuleParser.Result r = parser.parse("""
                groups:
                  - name: g
                    interval: 30s
                    query_offset: 1m
                    limit: 10
                    labels: {team: db}
                    rules:
                      - alert: A
                        expr: up == 0
                        for: 1h30m
                        keep_firing_for: 5m
                        labels: {severity: page}
                        annotations: {summary: "{{ $labels.instance }}"}
                      - record: r
                        expr: sum(up)
                """);
        assertEquals(List.of(), r.errors());
        RuleGroup g = r.groups().groups().get(0);
        assertEquals(30_000, g.intervalMillis());
        assertEquals(60_000L, g.queryOffsetMillis());
        assertEquals(10, g.limit());
        assertEquals(Map.of("team", "db"), g.labels());
        Rule a = g.rules().get(0);
        assertEquals(5_400_000, a.forMillis());
        assertEquals(300_000, a.keepFiringForMillis());
        assertEquals(new Pos(9, 15), a.exprPos());
        assertNull(r.groups().groups().get(0).rules().get(1).alert().isEmpty() ? null : "x");
        assertEquals(2, r.groups().ruleCount());
    }

    @Test
    void emptyFileHasNoGroups() {
        RuleParser.Result r = parser.parse("");
        assertEquals(List.of(), r.errors());
        assertEquals(0, r.groups().ruleCount());
    }

    @Test
    void decodingErrorsUseGoWording() {
        assertEquals(List.of("not a valid duration string: \"5x\""),
                parser.parse("groups:\n  - name: g\n    interval: 5x\n").errors());
        assertEquals(List.of("yaml: unmarshal errors:\n  line 3: cannot unmarshal !!str `ten` into int"),
                parser.parse("groups:\n  - name: g\n    limit: ten\n").errors());
        assertEquals(List.of("yaml: unmarshal errors:\n  line 1: field group not found in type rulefmt.RuleGroups"),
                parser.parse("group: []\n").errors());
        assertEquals(List.of("yaml: unmarshal errors:\n  line 3: mapping key \"name\" already defined at line 2"),
                parser.parse("groups:\n  - name: g\n    name: h\n").errors());
        assertEquals("yaml: line ", parser.parse("groups:\n  - name: [\n").errors().get(0).substring(0, 11));
    }

    @Test
    void validationCollectsEveryProblem() {
        List<String> errs = parser.parse("""
                groups:
                  - name: ""
                    labels: {__name__: x}
                    rules:
                      - alert: A
                        expr: up
                        annotations: {"": x}
                        labels: {"l": "{{ nope }}"}
                      - record: 'bad name'
                        expr: up
                        annotations: {a: b}
                """).errors();
        assertEquals(List.of(
                "2:5: Groupname must not be empty",
                "invalid label name: __name__",
                "group \"\", rule 1, \"A\": invalid annotation name: ",
                "group \"\", rule 1, \"A\": label \"l\": template: __alert_A:1: function \"nope\" not defined",
                "9:17: group \"\", rule 2, \"bad name\": invalid field 'annotations' in recording rule"), errs);
    }

    @Test
    void durationsFormatLikePrometheus() {
        assertEquals("1h30m", PromDuration.format(PromDuration.parseMillis("90m")));
        assertEquals("90d", PromDuration.format(PromDuration.parseMillis("90d")));
        assertEquals("2w", PromDuration.format(PromDuration.parseMillis("14d")));
        assertEquals("1y", PromDuration.format(PromDuration.parseMillis("365d")));
        assertEquals("0s", PromDuration.format(PromDuration.parseMillis("0")));
        assertEquals("1s500ms", PromDuration.format(1500));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis("1.5h"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parseMillis("-1m"));
    }
}
